package dev.gatehouse.token;

/**
 * Where a request carried a token (SPEC §2.4). Each place accepts its own kinds, so a
 * token sent where it does not belong is refused before any lookup.
 */
public enum TokenCarrier {

	/** {@code ?token=}: service tokens. */
	TOKEN_PARAMETER,

	/** {@code ?access_token=}: personal access tokens. */
	ACCESS_TOKEN_PARAMETER,

	/** {@code Authorization: Bearer}: personal and project access tokens. */
	BEARER,

	/** Basic with an empty user name: personal and project access tokens (Excel, CI). */
	BASIC_PASSWORD;

	/**
	 * Whether a token of this kind may arrive here.
	 * @param kind the kind its prefix names
	 * @return whether it is accepted here
	 */
	boolean accepts(TokenKind kind) {
		return switch (kind) {
			case SERVICE -> this == TOKEN_PARAMETER;
			case PERSONAL -> this != TOKEN_PARAMETER;
			// Headers only: a CI log or proxy log never shows a project token.
			case PROJECT -> this == BEARER || this == BASIC_PASSWORD;
		};
	}

}
