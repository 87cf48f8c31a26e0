package dev.gatehouse.token;

import java.time.Instant;

/**
 * The token a presented value belongs to: its current value, or one it had before a
 * rotation, which works until its retire date and betrays a leak after it.
 *
 * @param <T> the kind of token
 * @param token the token
 * @param retireDate when the value stops working, or {@code null} for the current value
 */
public record PresentedValue<T>(T token, Instant retireDate) {

	static <T> PresentedValue<T> current(T token) {
		return new PresentedValue<>(token, null);
	}

	public boolean replaced() {
		return this.retireDate != null;
	}

	/**
	 * Whether the value is a replaced one whose overlap is over.
	 * @param now the instant
	 * @return whether presenting it is a reuse
	 */
	public boolean retiredAt(Instant now) {
		return this.retireDate != null && !now.isBefore(this.retireDate);
	}

}
