package dev.gatehouse.authentication;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.ChangeNotifications.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The failed-login buckets: taken before the password is checked, returned on success.
 */
class LoginAttemptLimiterTests {

	private final ChangeNotifications changes = ChangeNotifications.local();

	private final LoginAttemptLimiter limiter = new LoginAttemptLimiter(3, Duration.ofMinutes(5), 2,
			Duration.ofMinutes(5), new MemoryLoginAttemptStore(Duration.ofMinutes(5)), this.changes);

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
	void checkNotBlockedWhenTheLastAttemptWasTakenThenARememberedPasswordIsRefusedToo() {
		this.limiter.checkNotBlocked("10.0.2.1", "hal");
		this.limiter.begin("10.0.2.1", "hal");
		this.limiter.begin("10.0.2.2", "hal");

		assertThatExceptionOfType(TooManyLoginAttemptsException.class)
			.isThrownBy(() -> this.limiter.checkNotBlocked("10.0.2.3", "Hal"));
		this.limiter.checkNotBlocked("10.0.2.3", "ian");
	}

	@Test
	void checkNotBlockedWhenTheAttemptThatTookTheLastSucceededThenNotBlocked() {
		this.limiter.begin("10.0.2.4", "jo");
		this.limiter.begin("10.0.2.5", "jo").succeeded();

		this.limiter.checkNotBlocked("10.0.2.6", "jo");
	}

	@Test
	void checkNotBlockedWhenAnotherNodeRefusedThenRefusedHereFromMemory() {
		this.changes.publish(Topic.LOGIN_BLOCKED, LoginAttemptLimiter.markId("login:kim"));

		assertThatExceptionOfType(TooManyLoginAttemptsException.class)
			.isThrownBy(() -> this.limiter.checkNotBlocked("10.0.2.7", "KIM"))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 150L));
		this.limiter.checkNotBlocked("10.0.2.7", "lou");
	}

	@Test
	void checkNotBlockedWhenEverythingChangedThenNothingBlocked() {
		this.changes.publish(Topic.LOGIN_BLOCKED, ChangeNotifications.EVERYTHING);

		this.limiter.checkNotBlocked("10.0.2.8", "max");
	}

	@Test
	void beginWhenRefusedThenTheOtherNodesAreTold() {
		List<Long> told = new ArrayList<>();
		this.changes.subscribe(Topic.LOGIN_BLOCKED, told::add);
		this.limiter.begin("10.0.3.1", "ned");
		this.limiter.begin("10.0.3.2", "ned");

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(TooManyLoginAttemptsException.class)
				.isThrownBy(() -> this.limiter.begin("10.0.3.3", "ned"));
		}

		assertThat(told).as("once, not once per refusal").containsExactly(LoginAttemptLimiter.markId("login:ned"));
	}

	@Test
	void abandonedWhenTheAttemptCouldNotBeCheckedThenItDoesNotCount() {
		for (int i = 0; i < 5; i++) {
			this.limiter.begin("10.0.4.1", "oli").abandoned();
		}

		this.limiter.checkNotBlocked("10.0.4.1", "oli");
		this.limiter.begin("10.0.4.1", "oli");
	}

	@Test
	void succeededWhenAnotherNodeBlockedTheLoginThenStillBlockedHere() {
		this.changes.publish(Topic.LOGIN_BLOCKED, LoginAttemptLimiter.markId("login:pat"));

		this.limiter.begin("10.0.4.2", "pat").succeeded();

		assertThatExceptionOfType(TooManyLoginAttemptsException.class)
			.isThrownBy(() -> this.limiter.checkNotBlocked("10.0.4.2", "pat"));
	}

	@Test
	void addressKeyWhenIpv6ThenWholeSlash64() {
		assertThat(LoginAttemptLimiter.addressKey("2001:db8:1:2:aaaa::1"))
			.isEqualTo(LoginAttemptLimiter.addressKey("2001:db8:1:2:bbbb::9"))
			.isEqualTo("2001:0db8:0001:0002::/64");
		assertThat(LoginAttemptLimiter.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
	}

}
