package dev.gatehouse.authentication;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed password attempts from this address or for this login; the password is
 * not even checked until {@link #retryAfter()} has passed.
 */
public class TooManyLoginAttemptsException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	TooManyLoginAttemptsException(Duration retryAfter) {
		super("Too many failed sign-in attempts; try again in " + seconds(retryAfter) + " seconds");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	public long retryAfterSeconds() {
		return seconds(this.retryAfter);
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
