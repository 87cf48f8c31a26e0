package dev.gatehouse.workitem;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.annotation.JsonRootName;

/**
 * A user story in the API.
 */
@JsonRootName("UserStory")
@JsonPropertyOrder({ "ResourceType", "Id", "Name", "Description", "State", "Effort", "CreateDate", "ModifyDate",
		"Project", "Owner" })
record UserStoryRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Name") @JacksonXmlProperty(isAttribute = true) String name,
		@JsonProperty("Description") String description, @JsonProperty("State") String state,
		@JsonProperty("Effort") BigDecimal effort, @JsonProperty("CreateDate") Instant createDate,
		@JsonProperty("ModifyDate") Instant modifyDate, @JsonProperty("Project") ResourceReference project,
		@JsonProperty("Owner") ResourceReference owner) {

	@JsonProperty("ResourceType")
	@JacksonXmlProperty(isAttribute = true)
	String resourceType() {
		return "UserStory";
	}

	static UserStoryRepresentation of(UserStory story) {
		return new UserStoryRepresentation(story.id(), story.name(), story.description(), story.state(), story.effort(),
				story.createDate().truncatedTo(ChronoUnit.SECONDS), story.modifyDate().truncatedTo(ChronoUnit.SECONDS),
				new ResourceReference("Project", story.projectId(), story.projectName()),
				(story.ownerId() != null) ? new ResourceReference("User", story.ownerId(), story.ownerName()) : null);
	}

}
