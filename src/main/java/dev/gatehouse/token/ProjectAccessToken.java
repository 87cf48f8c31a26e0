package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A project access token (SPEC §5): a technical user of one project whose only right is
 * uploading snapshots to it, until its expiration date. Its value is never stored.
 *
 * @param id its id
 * @param projectId the project it belongs to
 * @param projectKey that project's key
 * @param name what its creator called it
 * @param createDate when it was created
 * @param expirationDate the last day (UTC) on which it works
 * @param lastLoginDate the last successful authentication with it, or {@code null}
 * @param rotatedDate when its current value was issued by a rotation, or {@code null}
 * @param overlapEnd the latest moment at which a value it had before a rotation stops
 * working, or {@code null} if it was never rotated
 */
public record ProjectAccessToken(long id, long projectId, String projectKey, String name, Instant createDate,
		LocalDate expirationDate, Instant lastLoginDate, Instant rotatedDate, Instant overlapEnd) {

	/**
	 * A token never rotated.
	 */
	public ProjectAccessToken(long id, long projectId, String projectKey, String name, Instant createDate,
			LocalDate expirationDate, Instant lastLoginDate) {
		this(id, projectId, projectKey, name, createDate, expirationDate, lastLoginDate, null, null);
	}

	/**
	 * Whether a value it had before its last rotation still works at this instant.
	 * @param now the instant
	 * @return whether the overlap is open
	 */
	public boolean overlapOpenAt(Instant now) {
		return this.overlapEnd != null && now.isBefore(this.overlapEnd);
	}

	/**
	 * Whether the token no longer works: its last day is over.
	 * @param today today, UTC
	 * @return whether it has expired
	 */
	public boolean expiredOn(LocalDate today) {
		return today.isAfter(this.expirationDate);
	}

	/**
	 * How the audit log and messages name it; never its value.
	 * @return a label
	 */
	public String label() {
		return "project " + this.projectKey + " token '" + this.name + "' (#" + this.id + ")";
	}

}
