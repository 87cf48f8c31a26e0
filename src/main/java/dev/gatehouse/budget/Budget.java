package dev.gatehouse.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Hours planned for a project, or for one of its user stories, with the hours tracked on
 * it by everyone.
 *
 * @param id its id
 * @param projectId the project
 * @param projectKey that project's key
 * @param userStoryId the story, or {@code null} for the project's own budget
 * @param userStoryName that story's name, or {@code null}
 * @param hours the hours planned
 * @param tracked the hours logged on the project (all its stories) or on the story
 * @param createDate when it was set
 * @param modifyDate when it last changed
 */
public record Budget(long id, long projectId, String projectKey, Long userStoryId, String userStoryName,
		BigDecimal hours, BigDecimal tracked, Instant createDate, Instant modifyDate) {

	/**
	 * The hours left; negative once the budget is overrun.
	 * @return hours minus tracked
	 */
	public BigDecimal remaining() {
		return this.hours.subtract(this.tracked);
	}

	/**
	 * How much of the budget is used, in whole percent; more than 100 once overrun.
	 * @return the percentage
	 */
	public int usedPercent() {
		return this.tracked.multiply(BigDecimal.valueOf(100)).divide(this.hours, 0, RoundingMode.HALF_UP).intValue();
	}

}
