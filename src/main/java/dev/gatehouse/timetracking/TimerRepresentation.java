package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A running timer in the API ({@code /api/v1/Timers}). {@code Elapsed} is in hours, as a
 * stop now would log it; {@code StopsAt} is when it stops itself. In the answer to a
 * start that stopped the caller's previous timer, {@code StoppedTime} is the entry that
 * timer logged.
 */
@JsonRootName("Timer")
@JsonPropertyOrder({ "ResourceType", "Id", "StartDate", "StopsAt", "Elapsed", "Description", "Billable", "TimeZone",
		"User", "UserStory", "Project", "StoppedTime" })
@JsonInclude(JsonInclude.Include.NON_NULL)
record TimerRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("StartDate") Instant startDate, @JsonProperty("StopsAt") Instant stopsAt,
		@JsonProperty("Elapsed") BigDecimal elapsed, @JsonProperty("Description") String description,
		@JsonProperty("Billable") boolean billable, @JsonProperty("TimeZone") String timeZone,
		@JsonProperty("User") ResourceReference user, @JsonProperty("UserStory") ResourceReference userStory,
		@JsonProperty("Project") ResourceReference project, @JsonProperty("StoppedTime") TimeRepresentation stopped) {

	@JsonProperty("ResourceType")
	@JacksonXmlProperty(isAttribute = true)
	String resourceType() {
		return "Timer";
	}

	static TimerRepresentation of(Timer timer, Instant now, TimeEntry stopped) {
		return new TimerRepresentation(timer.id(), timer.startDate().truncatedTo(ChronoUnit.SECONDS),
				timer.stopsAt().truncatedTo(ChronoUnit.SECONDS), Timer.hours(timer.elapsedAt(now)), timer.description(),
				timer.billable(), timer.timeZone().getId(),
				new ResourceReference("User", timer.userId(), timer.userLogin()),
				new ResourceReference("UserStory", timer.userStoryId(), timer.userStoryName()),
				new ResourceReference("Project", timer.projectId(), timer.projectKey()),
				(stopped != null) ? TimeRepresentation.of(stopped) : null);
	}

}
