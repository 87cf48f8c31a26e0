package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a write asks for; {@code null} means "not given" (on update: unchanged).
 *
 * @param userStoryId the story
 * @param date the day
 * @param spent the hours
 * @param description what was done
 * @param billable whether billable
 * @param userId whose time (administrators only), or {@code null} for the caller's
 */
public record TimeEntryChanges(Long userStoryId, LocalDate date, BigDecimal spent, String description, Boolean billable,
		Long userId) {

}
