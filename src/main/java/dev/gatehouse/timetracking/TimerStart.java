package dev.gatehouse.timetracking;

/**
 * What starting a timer asks for.
 *
 * @param userStoryId on what
 * @param description what is being done, or {@code null}
 * @param billable whether billable; {@code null} means no
 * @param timeZone where the user is (its midnight ends the timer's day), or {@code null}
 * for the server's default
 */
public record TimerStart(Long userStoryId, String description, Boolean billable, String timeZone) {

}
