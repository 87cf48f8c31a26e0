package dev.gatehouse.budget;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;

/**
 * The body of {@code POST /api/v1/Budgets}: {@code Project} and/or {@code UserStory}, and
 * {@code Hours}; of {@code POST /api/v1/Budgets/{id}}: {@code Hours}.
 */
record BudgetWrite(@JsonProperty("Project") Reference project, @JsonProperty("UserStory") Reference userStory,
		@JsonProperty("Hours") BigDecimal hours) {

	Long projectId() {
		return (this.project != null) ? this.project.requireId("Project") : null;
	}

	Long userStoryId() {
		return (this.userStory != null) ? this.userStory.requireId("UserStory") : null;
	}

}
