package dev.gatehouse.authentication;

import org.springframework.security.core.AuthenticationException;

/**
 * The credentials of one request are each valid but cannot stand together (they name
 * different users, or a project access token comes with another): the request is refused
 * with 401 at once, whatever it asks for.
 */
final class CredentialsConflictException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	CredentialsConflictException(String message) {
		super(message);
	}

}
