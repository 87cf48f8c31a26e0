package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A project access token in the API (SPEC §10). {@code Token}, the value, is present in
 * the answer to its creation or rotation only; a rotated token also carries
 * {@code RotatedDate} and {@code PreviousValueRetireDate}.
 */
@JsonRootName("AccessToken")
@JsonPropertyOrder({ "Id", "Name", "Token", "CreateDate", "ExpirationDate", "Expired", "LastLoginDate", "RotatedDate",
		"PreviousValueRetireDate" })
record ProjectAccessTokenRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Name") @JacksonXmlProperty(isAttribute = true) String name,
		@JsonProperty("Token") @JsonInclude(JsonInclude.Include.NON_NULL) String token,
		@JsonProperty("CreateDate") Instant createDate, @JsonProperty("ExpirationDate") LocalDate expirationDate,
		@JsonProperty("Expired") boolean expired, @JsonProperty("LastLoginDate") Instant lastLoginDate,
		@JsonProperty("RotatedDate") @JsonInclude(JsonInclude.Include.NON_NULL) Instant rotatedDate,
		@JsonProperty("PreviousValueRetireDate") @JsonInclude(JsonInclude.Include.NON_NULL) Instant previousValueRetireDate) {

	static ProjectAccessTokenRepresentation of(ProjectAccessToken token, LocalDate today, String value) {
		return new ProjectAccessTokenRepresentation(token.id(), token.name(), value,
				token.createDate().truncatedTo(ChronoUnit.SECONDS), token.expirationDate(), token.expiredOn(today),
				seconds(token.lastLoginDate()), seconds(token.rotatedDate()), seconds(token.overlapEnd()));
	}

	private static Instant seconds(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
	}

}
