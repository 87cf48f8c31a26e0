package dev.gatehouse.sso;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * An identity provider as the API shows it: never its client secret.
 */
@JsonRootName("IdentityProvider")
@JsonPropertyOrder({ "Id", "RegistrationId", "DisplayName", "Issuer", "ClientId", "LinkByVerifiedEmail",
		"ProvisionUsers", "RoleClaim", "AdministratorValues", "RequesterValues", "SignInPath", "RedirectPath",
		"Configured", "CreateDate" })
record IdentityProviderRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("RegistrationId") String registrationId, @JsonProperty("DisplayName") String displayName,
		@JsonProperty("Issuer") String issuer, @JsonProperty("ClientId") String clientId,
		@JsonProperty("LinkByVerifiedEmail") boolean linkByVerifiedEmail,
		@JsonProperty("ProvisionUsers") boolean provisionUsers,
		@JsonProperty("RoleClaim") @JsonInclude(JsonInclude.Include.NON_NULL) String roleClaim,
		@JsonProperty("AdministratorValues") @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonXmlElementWrapper(
				localName = "AdministratorValues") @JacksonXmlProperty(
						localName = "AdministratorValue") List<String> administratorValues,
		@JsonProperty("RequesterValues") @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonXmlElementWrapper(
				localName = "RequesterValues") @JacksonXmlProperty(
						localName = "RequesterValue") List<String> requesterValues,
		@JsonProperty("SignInPath") String signInPath, @JsonProperty("RedirectPath") String redirectPath,
		@JsonProperty("Configured") boolean configured, @JsonProperty("CreateDate") Instant createDate) {

	static IdentityProviderRepresentation of(IdentityProvider provider) {
		RoleMapping mapping = provider.roleMapping();
		return new IdentityProviderRepresentation(provider.id(), provider.registrationId(), provider.displayName(),
				provider.issuer(), provider.clientId(), provider.linkByVerifiedEmail(), provider.provisionUsers(),
				(mapping != null) ? mapping.claim() : null, (mapping != null) ? mapping.administratorValues() : null,
				(mapping != null) ? mapping.requesterValues() : null,
				"/oauth2/authorization/" + provider.registrationId(), "/login/oauth2/code/" + provider.registrationId(),
				provider.configured(), provider.createDate().truncatedTo(ChronoUnit.SECONDS));
	}

}
