package dev.gatehouse.trustedci;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A trusted CI identity in the API.
 */
@JsonRootName("TrustedCiIdentity")
@JsonPropertyOrder({ "Id", "Name", "Issuer", "Audience", "Claims", "CreateDate", "LastUsedDate", "Project" })
record TrustedCiIdentityRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Name") @JacksonXmlProperty(isAttribute = true) String name,
		@JsonProperty("Issuer") String issuer, @JsonProperty("Audience") String audience,
		@JsonProperty("Claims") @JacksonXmlElementWrapper(localName = "Claims") @JacksonXmlProperty(
				localName = "Rule") List<ClaimRule> claims,
		@JsonProperty("CreateDate") Instant createDate, @JsonProperty("LastUsedDate") Instant lastUsedDate,
		@JsonProperty("Project") ResourceReference project) {

	static TrustedCiIdentityRepresentation of(TrustedCiIdentity identity) {
		return new TrustedCiIdentityRepresentation(identity.id(), identity.name(), identity.issuer(),
				identity.audience(),
				identity.claims()
					.entrySet()
					.stream()
					.map((rule) -> new ClaimRule(rule.getKey(), rule.getValue()))
					.toList(),
				identity.createDate().truncatedTo(ChronoUnit.SECONDS),
				(identity.lastUsedDate() != null) ? identity.lastUsedDate().truncatedTo(ChronoUnit.SECONDS) : null,
				new ResourceReference("Project", identity.projectId(), identity.projectKey()));
	}

}
