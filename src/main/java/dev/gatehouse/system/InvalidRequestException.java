package dev.gatehouse.system;

/**
 * The request cannot be carried out as sent (400): the message tells the caller what to
 * change.
 */
public class InvalidRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidRequestException(String message) {
		super(message);
	}

}
