package dev.gatehouse.serviceaccount;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * {@code GET /api/v1/ServiceAccount/status} (SPEC §10): {@code State}, {@code Message},
 * {@code DaysLeft}, {@code Account} ({@code Id}, {@code Login}).
 */
@JsonRootName("ServiceAccountStatus")
@JsonPropertyOrder({ "State", "Message", "DaysLeft", "Account" })
record ServiceAccountStatusRepresentation(@JsonProperty("State") String state, @JsonProperty("Message") String message,
		@JsonProperty("DaysLeft") Long daysLeft, @JsonProperty("Account") Account account) {

	static ServiceAccountStatusRepresentation of(ServiceAccountStatus status) {
		return new ServiceAccountStatusRepresentation(status.state().name(), status.message(), status.daysLeft(),
				(status.userId() != null) ? new Account(status.userId(), status.login()) : null);
	}

	/**
	 * The account.
	 *
	 * @param id the user's id
	 * @param login the user's login
	 */
	@JsonPropertyOrder({ "Id", "Login" })
	record Account(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
			@JsonProperty("Login") @JsonInclude(JsonInclude.Include.ALWAYS) String login) {
	}

}
