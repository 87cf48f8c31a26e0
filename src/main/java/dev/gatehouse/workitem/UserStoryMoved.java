package dev.gatehouse.workitem;

/**
 * A user story moved to another project, published in the transaction that moves it, so
 * that what belongs to the story (its budget) moves along in the same transaction.
 *
 * @param storyId the story
 * @param fromProjectId the project it left
 * @param toProjectId the project it is in now
 */
public record UserStoryMoved(long storyId, long fromProjectId, long toProjectId) {
}
