package dev.gatehouse.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import dev.gatehouse.settings.OrganisationSettings;
import dev.gatehouse.system.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The overlap a rotation grants and the expiry of the new value.
 */
class RotationPolicyTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

	private static final OrganisationSettings POLICY = new OrganisationSettings(true, 90, false, 1, false);

	private final RotationPolicy policy = new RotationPolicy(Duration.ofHours(24));

	@Test
	void overlapWhenNoneAskedThenTheDefaultAndOutOfRangeRefused() {
		assertThat(this.policy.overlap(null)).isEqualTo(Duration.ofHours(24));
		assertThat(this.policy.overlap(0)).isEqualTo(Duration.ZERO);
		assertThat(this.policy.overlap(10_080)).isEqualTo(Duration.ofDays(7));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.policy.overlap(10_081));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.policy.overlap(-1));
	}

	@Test
	void defaultOverlapWhenOutOfRangeThenTheServerDoesNotStart() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> new RotationPolicy(Duration.ofDays(8)));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new RotationPolicy(Duration.ofMinutes(-1)));
	}

	@Test
	void expirationWhenRotatedByItselfThenKept() {
		assertThat(this.policy.expiration(TODAY.plusDays(3), 40, false, POLICY, TODAY)).isEqualTo(TODAY.plusDays(3));
		assertThat(this.policy.expiration(null, 0, false, POLICY, TODAY)).isNull();
	}

	@Test
	void expirationWhenRotatedInPersonThenTheSameLifetimeFromTodayWithinThePolicy() {
		assertThat(this.policy.expiration(TODAY.plusDays(3), 40, true, POLICY, TODAY)).as("40 days from today")
			.isEqualTo(TODAY.plusDays(40));
		assertThat(this.policy.expiration(TODAY.plusDays(3), 365, true, POLICY, TODAY))
			.as("a year's lifetime, capped at the policy's 90 days")
			.isEqualTo(TODAY.plusDays(90));
		assertThat(this.policy.expiration(null, 0, true, POLICY, TODAY)).as("a token from before expiry dates")
			.isEqualTo(TODAY.plusDays(90));
		assertThat(this.policy.expiration(null, 0, true, new OrganisationSettings(true, 90, true, 1, false), TODAY))
			.as("even when the policy requires a date, which a rotation does not name")
			.isEqualTo(TODAY.plusDays(90));
	}

	@Test
	void lifetimeOfWhenNotRecordedThenFromCreationToTheLastDay() {
		assertThat(RotationPolicy.lifetimeOf(Instant.parse("2026-11-04T23:00:00Z"), LocalDate.of(2026, 12, 14)))
			.isEqualTo(40);
		assertThat(RotationPolicy.lifetimeOf(Instant.parse("2026-11-04T23:00:00Z"), null)).isZero();
	}

}
