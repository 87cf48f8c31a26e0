package dev.gatehouse.token;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;

/**
 * A line of a token's usage log in the API.
 */
@JsonRootName("Use")
@JsonPropertyOrder({ "Date", "Address", "Client", "Method", "Route", "Transport", "Count" })
record TokenUseRepresentation(@JsonProperty("Date") Instant date, @JsonProperty("Address") String address,
		@JsonProperty("Client") String client, @JsonProperty("Method") String method,
		@JsonProperty("Route") String route, @JsonProperty("Transport") String transport,
		@JsonProperty("Count") long count) {

	static TokenUseRepresentation of(TokenUseEntry entry) {
		return new TokenUseRepresentation(entry.minute(), entry.address(), entry.client(), entry.method(),
				entry.route(), entry.transport().name(), entry.uses());
	}

}
