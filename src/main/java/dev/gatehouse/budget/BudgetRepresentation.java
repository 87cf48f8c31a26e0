package dev.gatehouse.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A budget in the API ({@code /api/v1/Budgets}), with the hours tracked against it.
 */
@JsonRootName("Budget")
@JsonPropertyOrder({ "ResourceType", "Id", "Hours", "Tracked", "Remaining", "CreateDate", "ModifyDate", "Project",
		"UserStory" })
record BudgetRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Hours") BigDecimal hours, @JsonProperty("Tracked") BigDecimal tracked,
		@JsonProperty("Remaining") BigDecimal remaining, @JsonProperty("CreateDate") Instant createDate,
		@JsonProperty("ModifyDate") Instant modifyDate, @JsonProperty("Project") ResourceReference project,
		@JsonProperty("UserStory") ResourceReference userStory) {

	@JsonProperty("ResourceType")
	@JacksonXmlProperty(isAttribute = true)
	String resourceType() {
		return "Budget";
	}

	static BudgetRepresentation of(Budget budget) {
		return new BudgetRepresentation(budget.id(), budget.hours(), budget.tracked(), budget.remaining(),
				budget.createDate().truncatedTo(ChronoUnit.SECONDS),
				budget.modifyDate().truncatedTo(ChronoUnit.SECONDS),
				new ResourceReference("Project", budget.projectId(), budget.projectKey()),
				(budget.userStoryId() != null)
						? new ResourceReference("UserStory", budget.userStoryId(), budget.userStoryName()) : null);
	}

}
