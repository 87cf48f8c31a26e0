package dev.gatehouse.workitem;

import java.math.BigDecimal;

/**
 * A user story to create or the changes to one; {@code null} fields stay as they are.
 *
 * @param name the title
 * @param description the description; an empty string clears it
 * @param state the state
 * @param effort the effort
 * @param projectId the project
 * @param ownerId the owner
 */
public record UserStoryChanges(String name, String description, String state, BigDecimal effort, Long projectId,
		Long ownerId) {

}
