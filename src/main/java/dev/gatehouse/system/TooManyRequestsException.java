package dev.gatehouse.system;

/**
 * A client sent more requests of one kind than it may: 429, with the seconds until it may
 * try again.
 */
public class TooManyRequestsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long retryAfterSeconds;

	public TooManyRequestsException(String message, long retryAfterSeconds) {
		super(message);
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
