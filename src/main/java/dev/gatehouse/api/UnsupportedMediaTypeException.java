package dev.gatehouse.api;

/**
 * A request body in a content type the resource does not take: 415, with the types it
 * does take in the message.
 */
public class UnsupportedMediaTypeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UnsupportedMediaTypeException(String message) {
		super(message);
	}

}
