package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;

/**
 * The body of {@code POST /api/v1/Times} and {@code /{id}} (SPEC §10): {@code UserStory},
 * {@code Date}, {@code Spent}, {@code Description}, {@code Billable}, and {@code User}
 * for administrators.
 */
record TimeWrite(@JsonProperty("UserStory") Reference userStory, @JsonProperty("Date") LocalDate date,
		@JsonProperty("Spent") BigDecimal spent, @JsonProperty("Description") String description,
		@JsonProperty("Billable") Boolean billable, @JsonProperty("User") Reference user) {

	TimeEntryChanges toChanges() {
		return new TimeEntryChanges((this.userStory != null) ? this.userStory.requireId("UserStory") : null, this.date,
				this.spent, this.description, this.billable, (this.user != null) ? this.user.requireId("User") : null);
	}

}
