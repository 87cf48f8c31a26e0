package dev.gatehouse.authentication;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A credential that is not valid. It is an expected answer, not a fault, and the audit
 * log already says why; so it carries no stack trace, whose filling in cost more than
 * checking the token (docs/performance.md). Spring Security's default event publisher
 * maps failures by exact class; Gatehouse's provider managers publish no events, and one
 * that did would need this class mapped.
 */
final class CredentialRefusedException extends BadCredentialsException {

	private static final long serialVersionUID = 1L;

	CredentialRefusedException(String message) {
		super(message);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
