package dev.gatehouse.api;

/**
 * The caller is authenticated but lacks the right for this operation (403).
 */
public class AccessRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public AccessRefusedException(String message) {
		super(message);
	}

}
