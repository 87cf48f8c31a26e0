package dev.gatehouse.snapshot;

import java.time.Instant;

/**
 * An uploaded analysis snapshot's metadata; its content is read separately.
 *
 * @param id its id
 * @param projectId the project
 * @param projectKey that project's key
 * @param version the version or commit label it was uploaded with
 * @param fileName the uploaded file's name, or {@code null}
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its content, in hex
 * @param uploadDate when it was stored
 * @param uploadedByUserId the uploading user, or {@code null} for a project token
 * @param uploadedByTokenId the uploading project token, or {@code null} for a user
 * @param uploadedByName the uploader's login or token name at the time
 * @param uploadedByCiIdentityId the trusted CI identity a CI job uploaded through, or
 * {@code null}
 * @param source where a CI job's upload came from, or {@code null}
 */
public record Snapshot(long id, long projectId, String projectKey, String version, String fileName, long size,
		String sha256, Instant uploadDate, Long uploadedByUserId, Long uploadedByTokenId, String uploadedByName,
		Long uploadedByCiIdentityId, SnapshotSource source) {

	/**
	 * The name a download is saved under.
	 * @return the uploaded file's name, or one made from the project and id
	 */
	public String downloadName() {
		return (this.fileName != null) ? this.fileName : this.projectKey + "-snapshot-" + this.id + ".bin";
	}

}
