package dev.gatehouse.timetracking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a timer stops itself, and what it logs.
 */
class TimerTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Test
	void stopsAtWhenStartedInTheMorningThenAtTheLimit() {
		Instant start = Instant.parse("2026-03-02T07:00:00Z");

		assertThat(Timer.stopsAt(start, PARIS, Duration.ofHours(10))).isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
	}

	@Test
	void stopsAtWhenStartedInTheEveningThenAtMidnightInItsTimeZone() {
		Instant start = Instant.parse("2026-03-02T20:00:00Z");

		assertThat(Timer.stopsAt(start, PARIS, Duration.ofHours(10))).isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
		assertThat(Timer.stopsAt(start, ZoneId.of("UTC"), Duration.ofHours(10)))
			.isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
	}

	@Test
	void stopsAtWhenTheClocksChangeThenMidnightIsStillMidnight() {
		// 00:30 on 29 March 2026 in Paris, a 23-hour day: +01:00 becomes +02:00 at 02:00.
		Instant start = Instant.parse("2026-03-28T23:30:00Z");

		assertThat(Timer.stopsAt(start, PARIS, Duration.ofHours(24))).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
	}

	@Test
	void hoursWhenRunsAreShortOrLongThenRoundedToHundredthsAndAtLeastOne() {
		assertThat(Timer.hours(Duration.ofSeconds(5))).isEqualByComparingTo("0.01");
		assertThat(Timer.hours(Duration.ofMinutes(90))).isEqualByComparingTo("1.50");
		assertThat(Timer.hours(Duration.ofSeconds(3600 + 17))).isEqualByComparingTo("1.00");
		assertThat(Timer.hours(Duration.ofSeconds(3600 + 18))).isEqualByComparingTo("1.01");
	}

	@Test
	void elapsedWhenAskedAfterItShouldHaveStoppedThenNoMoreThanUntilThen() {
		Timer timer = new Timer(1, 1, "ann", 1, "story", 1, "KEY", null, false, PARIS,
				Instant.parse("2026-03-02T07:00:00Z"), Instant.parse("2026-03-02T17:00:00Z"));

		assertThat(timer.elapsedAt(Instant.parse("2026-03-03T07:00:00Z"))).isEqualTo(Duration.ofHours(10));
		assertThat(timer.day()).hasToString("2026-03-02");
	}

}
