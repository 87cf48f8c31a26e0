package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A time entry in the API ({@code /api/v1/Times}).
 */
@JsonRootName("Time")
@JsonPropertyOrder({ "ResourceType", "Id", "Date", "Spent", "Description", "Billable", "CreateDate", "ModifyDate",
		"User", "UserStory", "Project" })
record TimeRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Date") LocalDate date, @JsonProperty("Spent") BigDecimal spent,
		@JsonProperty("Description") String description, @JsonProperty("Billable") boolean billable,
		@JsonProperty("CreateDate") Instant createDate, @JsonProperty("ModifyDate") Instant modifyDate,
		@JsonProperty("User") ResourceReference user, @JsonProperty("UserStory") ResourceReference userStory,
		@JsonProperty("Project") ResourceReference project) {

	@JsonProperty("ResourceType")
	@JacksonXmlProperty(isAttribute = true)
	String resourceType() {
		return "Time";
	}

	static TimeRepresentation of(TimeEntry entry) {
		return new TimeRepresentation(entry.id(), entry.date(), entry.spent(), entry.description(), entry.billable(),
				entry.createDate().truncatedTo(ChronoUnit.SECONDS), entry.modifyDate().truncatedTo(ChronoUnit.SECONDS),
				new ResourceReference("User", entry.userId(), entry.userLogin()),
				new ResourceReference("UserStory", entry.userStoryId(), entry.userStoryName()),
				new ResourceReference("Project", entry.projectId(), entry.projectKey()));
	}

}
