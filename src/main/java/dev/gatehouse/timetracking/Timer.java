package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A timer running on the server (issue 17): a user works on a user story since a moment,
 * until they stop it (from any device) or it stops itself.
 *
 * @param id its id
 * @param userId whose
 * @param userLogin that user's login
 * @param userStoryId on what
 * @param userStoryName that story's name as the reader may see it
 * @param projectId the story's project
 * @param projectKey that project's key
 * @param description what is being done, or {@code null}
 * @param billable whether the time will be billable
 * @param timeZone the time zone it was started in: its day ends at midnight there
 * @param startDate when it started
 * @param stopsAt when it stops itself: the limit, or midnight in its time zone if sooner
 */
public record Timer(long id, long userId, String userLogin, long userStoryId, String userStoryName, long projectId,
		String projectKey, String description, boolean billable, ZoneId timeZone, Instant startDate, Instant stopsAt) {

	private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

	private static final BigDecimal SMALLEST = new BigDecimal("0.01");

	/**
	 * The moment a timer started then stops itself.
	 * @param start when it starts
	 * @param zone its time zone
	 * @param limit the longest a timer runs
	 * @return the limit, or the next midnight in the zone if sooner
	 */
	static Instant stopsAt(Instant start, ZoneId zone, Duration limit) {
		Instant midnight = start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
		Instant atLimit = start.plus(limit);
		return atLimit.isBefore(midnight) ? atLimit : midnight;
	}

	/**
	 * The day its time is logged on: the day it started, in its time zone.
	 * @return the day
	 */
	public LocalDate day() {
		return this.startDate.atZone(this.timeZone).toLocalDate();
	}

	/**
	 * How long it ran if stopped at a moment, never past the moment it stops itself.
	 * @param now the moment
	 * @return the time it ran
	 */
	public Duration elapsedAt(Instant now) {
		Instant end = now.isAfter(this.stopsAt) ? this.stopsAt : now;
		return end.isBefore(this.startDate) ? Duration.ZERO : Duration.between(this.startDate, end);
	}

	/**
	 * The hours a time entry gets for a run: rounded to the nearest hundredth, and at
	 * least one hundredth (36 seconds), so that a short run still leaves an entry.
	 * @param elapsed how long it ran
	 * @return hours with two decimals
	 */
	static BigDecimal hours(Duration elapsed) {
		BigDecimal hours = BigDecimal.valueOf(elapsed.getSeconds()).divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_UP);
		return (hours.compareTo(SMALLEST) < 0) ? SMALLEST : hours;
	}

}
