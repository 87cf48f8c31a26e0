package dev.gatehouse.system;

/**
 * A request body larger than allowed: 413, and nothing of it is kept.
 */
public class PayloadTooLargeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PayloadTooLargeException(String message) {
		super(message);
	}

}
