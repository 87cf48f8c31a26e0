package dev.gatehouse.authentication;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A token as the request carried it, not yet checked.
 */
final class TokenCredential extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	/** Where the request carried the token; each place accepts its own kinds. */
	enum Source {

		/** {@code ?token=}: service tokens. */
		TOKEN_PARAMETER,

		/** {@code ?access_token=}: personal access tokens. */
		ACCESS_TOKEN_PARAMETER,

		/** {@code Authorization: Bearer}: personal (and project) access tokens. */
		BEARER,

		/** Basic with an empty user name: personal access tokens (Excel, Power BI). */
		BASIC_PASSWORD

	}

	private final transient String value;

	private final Source source;

	private final String address;

	private final String client;

	TokenCredential(String value, Source source, String address, String client) {
		super(List.of());
		this.value = value;
		this.source = source;
		this.address = address;
		this.client = client;
	}

	String value() {
		return this.value;
	}

	Source source() {
		return this.source;
	}

	String address() {
		return this.address;
	}

	String client() {
		return this.client;
	}

	@Override
	public Object getCredentials() {
		return this.value;
	}

	@Override
	public Object getPrincipal() {
		return this.source;
	}

	@Override
	public String toString() {
		// Never the value.
		return "TokenCredential[" + this.source + "]";
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
