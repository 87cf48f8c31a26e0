package dev.gatehouse.token;

/**
 * The kinds of token, each with its own prefix so that a leaked token says what it is.
 */
public enum TokenKind {

	/** A personal access token of a user. */
	PERSONAL("gpat_"),

	/** A project access token: a technical user that uploads snapshots to one project. */
	PROJECT("gprj_"),

	/** A service token derived from a user's credentials. */
	SERVICE("gsvc_");

	private final String prefix;

	TokenKind(String prefix) {
		this.prefix = prefix;
	}

	public String prefix() {
		return this.prefix;
	}

}
