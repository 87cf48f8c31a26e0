package dev.gatehouse.sso;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * An identity provider as the API shows it: never its client secret.
 */
@JsonRootName("IdentityProvider")
@JsonPropertyOrder({ "Id", "RegistrationId", "DisplayName", "Issuer", "ClientId", "LinkByVerifiedEmail",
		"ProvisionUsers", "SignInPath", "RedirectPath", "CreateDate" })
record IdentityProviderRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("RegistrationId") String registrationId, @JsonProperty("DisplayName") String displayName,
		@JsonProperty("Issuer") String issuer, @JsonProperty("ClientId") String clientId,
		@JsonProperty("LinkByVerifiedEmail") boolean linkByVerifiedEmail,
		@JsonProperty("ProvisionUsers") boolean provisionUsers, @JsonProperty("SignInPath") String signInPath,
		@JsonProperty("RedirectPath") String redirectPath, @JsonProperty("CreateDate") Instant createDate) {

	static IdentityProviderRepresentation of(IdentityProvider provider) {
		return new IdentityProviderRepresentation(provider.id(), provider.registrationId(), provider.displayName(),
				provider.issuer(), provider.clientId(), provider.linkByVerifiedEmail(), provider.provisionUsers(),
				"/oauth2/authorization/" + provider.registrationId(), "/login/oauth2/code/" + provider.registrationId(),
				provider.createDate().truncatedTo(ChronoUnit.SECONDS));
	}

}
