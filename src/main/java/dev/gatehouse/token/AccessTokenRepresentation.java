package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A personal access token in the API (SPEC §10). {@code Token}, the value, is present in
 * the answer to its creation or rotation only. A rotated token also carries
 * {@code RotatedDate} (when its current value was issued) and
 * {@code PreviousValueRetireDate} (when the value it replaced stops or stopped working).
 */
@JsonRootName("AccessToken")
@JsonPropertyOrder({ "Id", "Name", "Token", "Scopes", "CreateDate", "ExpirationDate", "Expired", "LastUsedDate",
		"LastUsedAddress", "LastUsedClient", "User", "RotatedDate", "PreviousValueRetireDate" })
record AccessTokenRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Name") @JacksonXmlProperty(isAttribute = true) String name,
		@JsonProperty("Token") @JsonInclude(JsonInclude.Include.NON_NULL) String token,
		@JsonProperty("Scopes") @JacksonXmlElementWrapper(localName = "Scopes") @JacksonXmlProperty(
				localName = "Scope") List<String> scopes,
		@JsonProperty("CreateDate") Instant createDate, @JsonProperty("ExpirationDate") LocalDate expirationDate,
		@JsonProperty("Expired") boolean expired, @JsonProperty("LastUsedDate") Instant lastUsedDate,
		@JsonProperty("LastUsedAddress") String lastUsedAddress, @JsonProperty("LastUsedClient") String lastUsedClient,
		@JsonProperty("User") Owner user,
		@JsonProperty("RotatedDate") @JsonInclude(JsonInclude.Include.NON_NULL) Instant rotatedDate,
		@JsonProperty("PreviousValueRetireDate") @JsonInclude(JsonInclude.Include.NON_NULL) Instant previousValueRetireDate) {

	static AccessTokenRepresentation of(PersonalAccessToken token, LocalDate today) {
		return of(token, today, null);
	}

	static AccessTokenRepresentation of(PersonalAccessToken token, LocalDate today, String value) {
		return new AccessTokenRepresentation(token.id(), token.name(), value,
				token.scopes().stream().sorted().map(Scope::apiName).toList(),
				token.createDate().truncatedTo(ChronoUnit.SECONDS), token.expirationDate(), token.expiredOn(today),
				(token.lastUsed() != null) ? token.lastUsed().date().truncatedTo(ChronoUnit.SECONDS) : null,
				(token.lastUsed() != null) ? token.lastUsed().address() : null,
				(token.lastUsed() != null) ? token.lastUsed().client() : null,
				new Owner(token.userId(), token.userLogin()), seconds(token.rotatedDate()),
				seconds(token.overlapEnd()));
	}

	private static Instant seconds(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
	}

	@Override
	public String toString() {
		return "AccessTokenRepresentation[id=" + this.id + "]";
	}

	/**
	 * The token's owner: {@code {"Id": 2, "Login": "ann"}}.
	 *
	 * @param id the owner's id
	 * @param login the owner's login
	 */
	@JsonPropertyOrder({ "Id", "Login" })
	record Owner(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
			@JsonProperty("Login") @JacksonXmlProperty(isAttribute = true) String login) {
	}

}
