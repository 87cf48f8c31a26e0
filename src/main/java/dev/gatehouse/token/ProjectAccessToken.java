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
 */
public record ProjectAccessToken(long id, long projectId, String projectKey, String name, Instant createDate,
		LocalDate expirationDate, Instant lastLoginDate) {

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
