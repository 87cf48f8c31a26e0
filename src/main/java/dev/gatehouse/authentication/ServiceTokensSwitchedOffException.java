package dev.gatehouse.authentication;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A service token while an administrator has switched them off: refused like any invalid
 * credential, but with a message that says what to use instead.
 */
final class ServiceTokensSwitchedOffException extends BadCredentialsException {

	private static final long serialVersionUID = 1L;

	ServiceTokensSwitchedOffException(String message) {
		super(message);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
