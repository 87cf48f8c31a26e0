package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Hours a user spent on a user story on a day.
 *
 * @param id its id
 * @param userId who spent them
 * @param userLogin that user's login
 * @param userStoryId on what
 * @param userStoryName that story's name as the caller may see it: "Restricted work item
 * #id" for a project they cannot access, unless their view allows the title
 * @param projectId the story's project
 * @param projectKey that project's key
 * @param date the day
 * @param spent hours, more than 0 and at most 24, two decimals
 * @param description what was done, or {@code null}
 * @param billable whether the time is billable
 * @param createDate when it was logged
 * @param modifyDate when it last changed
 */
public record TimeEntry(long id, long userId, String userLogin, long userStoryId, String userStoryName, long projectId,
		String projectKey, LocalDate date, BigDecimal spent, String description, boolean billable, Instant createDate,
		Instant modifyDate) {

}
