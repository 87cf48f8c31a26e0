package dev.gatehouse.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a CI job's snapshot came from, as its token's claims said.
 *
 * @param repository the repository (GitHub's {@code repository}, GitLab's
 * {@code project_path}, or the token's subject)
 * @param ref the git ref, or {@code null}
 * @param run the CI run or pipeline, or {@code null}
 */
@JsonPropertyOrder({ "Repository", "Ref", "Run" })
public record SnapshotSource(@JsonProperty("Repository") String repository, @JsonProperty("Ref") String ref,
		@JsonProperty("Run") String run) {

}
