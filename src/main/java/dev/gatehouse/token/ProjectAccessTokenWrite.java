package dev.gatehouse.token;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v1/Projects/{key}/AccessTokens}: {@code Name} and
 * {@code ExpirationDate}, both required.
 */
record ProjectAccessTokenWrite(@JsonProperty("Name") String name,
		@JsonProperty("ExpirationDate") LocalDate expirationDate) {

}
