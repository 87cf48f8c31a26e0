package dev.gatehouse.project;

/**
 * A user's membership of a project.
 *
 * @param projectId the project
 * @param userId the member
 * @param userName the member's display name
 * @param roleId the member's role in the project, or {@code null} for their default role
 * @param roleName that role's name, or {@code null}
 */
public record ProjectMember(long projectId, long userId, String userName, Long roleId, String roleName) {

}
