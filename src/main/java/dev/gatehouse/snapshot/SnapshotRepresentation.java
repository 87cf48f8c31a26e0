package dev.gatehouse.snapshot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A snapshot in the API (SPEC §10). {@code UploadedBy} is a {@code User} or a
 * {@code ProjectAccessToken}, named as it was at upload time.
 */
@JsonRootName("Snapshot")
@JsonPropertyOrder({ "Id", "Version", "FileName", "Size", "Sha256", "UploadDate", "UploadedBy", "Project" })
record SnapshotRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Version") String version, @JsonProperty("FileName") String fileName,
		@JsonProperty("Size") long size, @JsonProperty("Sha256") String sha256,
		@JsonProperty("UploadDate") Instant uploadDate, @JsonProperty("UploadedBy") ResourceReference uploadedBy,
		@JsonProperty("Project") ResourceReference project) {

	static SnapshotRepresentation of(Snapshot snapshot) {
		ResourceReference uploader = (snapshot.uploadedByTokenId() != null)
				? new ResourceReference("ProjectAccessToken", snapshot.uploadedByTokenId(), snapshot.uploadedByName())
				: new ResourceReference("User", (snapshot.uploadedByUserId() != null) ? snapshot.uploadedByUserId() : 0,
						snapshot.uploadedByName());
		return new SnapshotRepresentation(snapshot.id(), snapshot.version(), snapshot.fileName(), snapshot.size(),
				snapshot.sha256(), snapshot.uploadDate().truncatedTo(ChronoUnit.SECONDS), uploader,
				new ResourceReference("Project", snapshot.projectId(), snapshot.projectKey()));
	}

}
