package dev.gatehouse.timetracking;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;

/**
 * The body of {@code POST /api/v1/Timers}: {@code UserStory}, {@code Description},
 * {@code Billable} and {@code TimeZone} (an IANA name such as {@code Europe/Paris}).
 */
record TimerWrite(@JsonProperty("UserStory") Reference userStory, @JsonProperty("Description") String description,
		@JsonProperty("Billable") Boolean billable, @JsonProperty("TimeZone") String timeZone) {

	TimerStart toStart() {
		return new TimerStart((this.userStory != null) ? this.userStory.requireId("UserStory") : null, this.description,
				this.billable, this.timeZone);
	}

}
