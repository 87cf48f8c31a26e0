package dev.gatehouse.workitem;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;

/**
 * The body of {@code POST /api/v1/UserStories} and {@code POST /api/v1/UserStories/{id}}.
 */
record UserStoryWrite(@JsonProperty("Name") String name, @JsonProperty("Description") String description,
		@JsonProperty("State") String state, @JsonProperty("Effort") BigDecimal effort,
		@JsonProperty("Project") Reference project, @JsonProperty("Owner") Reference owner) {

	UserStoryChanges toChanges() {
		return new UserStoryChanges(this.name, this.description, this.state, this.effort,
				(this.project != null) ? this.project.requireId("Project") : null,
				(this.owner != null) ? this.owner.requireId("Owner") : null);
	}

}
