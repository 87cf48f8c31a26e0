package dev.gatehouse.system;

/**
 * The request conflicts with the current state, such as a login that is already taken
 * (409).
 */
public class ConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConflictException(String message) {
		super(message);
	}

}
