package dev.gatehouse.authentication;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The failed-login buckets: taken before the password is checked, returned on success.
 */
class LoginAttemptLimiterTests {

	private final LoginAttemptLimiter limiter = new LoginAttemptLimiter(3, Duration.ofMinutes(5), 2,
			Duration.ofMinutes(5));

	@Test
	void beginWhenLoginBucketEmptyThenRefusedWithWait() {
		this.limiter.begin("10.0.0.1", "ann");
		this.limiter.begin("10.0.0.2", "ann");

		assertThatExceptionOfType(TooManyLoginAttemptsException.class)
			.isThrownBy(() -> this.limiter.begin("10.0.0.3", "ANN"))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 300L));
	}

	@Test
	void beginWhenAttemptsSucceedThenNothingIsCounted() {
		for (int i = 0; i < 10; i++) {
			this.limiter.begin("10.0.0.4", "bob").succeeded();
		}

		this.limiter.begin("10.0.0.4", "bob");
	}

	@Test
	void beginWhenLoginMalformedThenOnlyTheAddressCounts() {
		String huge = "x".repeat(10_000);
		this.limiter.begin("10.0.0.5", huge);
		this.limiter.begin("10.0.0.6", huge);

		this.limiter.begin("10.0.0.7", huge);
		assertThat(LoginAttemptLimiter.isWellFormed(huge)).isFalse();
	}

	@Test
	void beginWhenAddressBlockedThenRefusedUncheckedAndTheLoginUntouched() {
		this.limiter.begin("10.0.0.8", "carol");
		this.limiter.begin("10.0.0.8", "dave");
		this.limiter.begin("10.0.0.8", "erin");

		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(TooManyLoginAttemptsException.class)
				.isThrownBy(() -> this.limiter.begin("10.0.0.8", "frank"));
		}
		this.limiter.begin("10.0.0.9", "frank");
		this.limiter.begin("10.0.0.10", "frank");
	}

	@Test
	void beginWhenAddressBlockedButLoginSignedInThereLatelyThenCheckedWithinItsOwnLimit() {
		this.limiter.begin("10.0.1.1", "gina").succeeded();
		this.limiter.begin("10.0.1.1", "job");
		this.limiter.begin("10.0.1.1", "job2");
		this.limiter.begin("10.0.1.1", "job3");
		assertThatExceptionOfType(TooManyLoginAttemptsException.class)
			.isThrownBy(() -> this.limiter.begin("10.0.1.1", "stranger"));

		this.limiter.begin("10.0.1.1", "gina").succeeded();
		this.limiter.begin("10.0.1.1", "GINA");
		this.limiter.begin("10.0.1.1", "gina");
		assertThatExceptionOfType(TooManyLoginAttemptsException.class).as("her own login's limit still applies")
			.isThrownBy(() -> this.limiter.begin("10.0.1.1", "gina"));
	}

	@Test
	void addressKeyWhenIpv6ThenWholeSlash64() {
		assertThat(LoginAttemptLimiter.addressKey("2001:db8:1:2:aaaa::1"))
			.isEqualTo(LoginAttemptLimiter.addressKey("2001:db8:1:2:bbbb::9"))
			.isEqualTo("2001:0db8:0001:0002::/64");
		assertThat(LoginAttemptLimiter.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
	}

}
