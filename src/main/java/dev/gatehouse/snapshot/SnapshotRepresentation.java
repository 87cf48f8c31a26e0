package dev.gatehouse.snapshot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A snapshot in the API (SPEC §10). {@code UploadedBy} is a {@code User}, a
 * {@code ProjectAccessToken} or a {@code TrustedCiIdentity}, named as it was at upload
 * time; a CI job's upload also names its {@code Source} (repository, ref, run).
 */
@JsonRootName("Snapshot")
@JsonPropertyOrder({ "Id", "Version", "FileName", "Size", "Sha256", "UploadDate", "UploadedBy", "Source", "Project" })
record SnapshotRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Version") String version, @JsonProperty("FileName") String fileName,
		@JsonProperty("Size") long size, @JsonProperty("Sha256") String sha256,
		@JsonProperty("UploadDate") Instant uploadDate, @JsonProperty("UploadedBy") ResourceReference uploadedBy,
		@JsonProperty("Source") @JsonInclude(JsonInclude.Include.NON_NULL) SnapshotSource source,
		@JsonProperty("Project") ResourceReference project) {

	static SnapshotRepresentation of(Snapshot snapshot) {
		ResourceReference uploader;
		if (snapshot.source() != null) {
			uploader = new ResourceReference("TrustedCiIdentity",
					(snapshot.uploadedByCiIdentityId() != null) ? snapshot.uploadedByCiIdentityId() : 0,
					snapshot.uploadedByName());
		}
		else if (snapshot.uploadedByTokenId() != null) {
			uploader = new ResourceReference("ProjectAccessToken", snapshot.uploadedByTokenId(),
					snapshot.uploadedByName());
		}
		else {
			uploader = new ResourceReference("User",
					(snapshot.uploadedByUserId() != null) ? snapshot.uploadedByUserId() : 0, snapshot.uploadedByName());
		}
		return new SnapshotRepresentation(snapshot.id(), snapshot.version(), snapshot.fileName(), snapshot.size(),
				snapshot.sha256(), snapshot.uploadDate().truncatedTo(ChronoUnit.SECONDS), uploader, snapshot.source(),
				new ResourceReference("Project", snapshot.projectId(), snapshot.projectKey()));
	}

}
