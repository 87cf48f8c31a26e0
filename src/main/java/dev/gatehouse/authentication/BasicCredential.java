package dev.gatehouse.authentication;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * A login and password from an API request's {@code Authorization: Basic} header, not yet
 * checked; the login form's arrive as a plain
 * {@link UsernamePasswordAuthenticationToken}. The two differ in what they may do (the
 * System user, the remembered checks).
 */
final class BasicCredential extends UsernamePasswordAuthenticationToken {

	private static final long serialVersionUID = 1L;

	BasicCredential(UsernamePasswordAuthenticationToken converted) {
		super(converted.getPrincipal(), converted.getCredentials());
		setDetails(converted.getDetails());
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
