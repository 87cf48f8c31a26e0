package dev.gatehouse.authentication;

import java.util.List;

import dev.gatehouse.token.TokenCarrier;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A token as the request carried it, not yet checked.
 */
final class TokenCredential extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient String value;

	private final TokenCarrier carrier;

	private final String address;

	private final String client;

	TokenCredential(String value, TokenCarrier carrier, String address, String client) {
		super(List.of());
		this.value = value;
		this.carrier = carrier;
		this.address = address;
		this.client = client;
	}

	String value() {
		return this.value;
	}

	TokenCarrier carrier() {
		return this.carrier;
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
		return this.carrier;
	}

	@Override
	public String toString() {
		// Never the value.
		return "TokenCredential[" + this.carrier + "]";
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
