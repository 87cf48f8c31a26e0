package dev.gatehouse.workitem;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A user story (work item).
 *
 * @param id the id
 * @param projectId the project it belongs to
 * @param projectName the project's name
 * @param name the title
 * @param description the description, or {@code null}
 * @param state the state, e.g. {@code Open}
 * @param effort the estimated effort in points
 * @param ownerId the owner, or {@code null}
 * @param ownerName the owner's display name, or {@code null}
 * @param createDate when it was created
 * @param modifyDate when it last changed
 */
public record UserStory(long id, long projectId, String projectName, String name, String description, String state,
		BigDecimal effort, Long ownerId, String ownerName, Instant createDate, Instant modifyDate) {

}
