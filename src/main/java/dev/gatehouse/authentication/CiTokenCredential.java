package dev.gatehouse.authentication;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A CI job's OpenID Connect token as the request carried it ({@code Authorization:
 * Bearer}), not yet checked.
 */
final class CiTokenCredential extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient String value;

	private final String address;

	CiTokenCredential(String value, String address) {
		super(List.of());
		this.value = value;
		this.address = address;
	}

	String value() {
		return this.value;
	}

	String address() {
		return this.address;
	}

	@Override
	public Object getCredentials() {
		return this.value;
	}

	@Override
	public Object getPrincipal() {
		return "CI token";
	}

	@Override
	public String toString() {
		// Never the value.
		return "CiTokenCredential";
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
