package dev.gatehouse.sso;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.sso.IdentityProviderService.NewIdentityProvider;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * The body of {@code POST /api/v1/Settings/IdentityProviders}: {@code DisplayName},
 * {@code Issuer}, {@code ClientId} and {@code ClientSecret} required;
 * {@code RegistrationId}, {@code LinkByVerifiedEmail} (default false) and
 * {@code ProvisionUsers} (default true) optional; {@code RoleClaim} with
 * {@code AdministratorValues} and {@code RequesterValues} (lists) for a role mapping.
 */
record IdentityProviderWrite(@JsonProperty("DisplayName") String displayName, @JsonProperty("Issuer") String issuer,
		@JsonProperty("ClientId") String clientId, @JsonProperty("ClientSecret") String clientSecret,
		@JsonProperty("RegistrationId") String registrationId,
		@JsonProperty("LinkByVerifiedEmail") Boolean linkByVerifiedEmail,
		@JsonProperty("ProvisionUsers") Boolean provisionUsers, @JsonProperty("RoleClaim") String roleClaim,
		@JsonProperty("AdministratorValues") @JacksonXmlElementWrapper(
				localName = "AdministratorValues") @JacksonXmlProperty(
						localName = "AdministratorValue") List<String> administratorValues,
		@JsonProperty("RequesterValues") @JacksonXmlElementWrapper(localName = "RequesterValues") @JacksonXmlProperty(
				localName = "RequesterValue") List<String> requesterValues) {

	NewIdentityProvider toRequest() {
		return new NewIdentityProvider(this.displayName, this.issuer, this.clientId, this.clientSecret,
				this.registrationId, this.linkByVerifiedEmail, this.provisionUsers, this.roleClaim,
				this.administratorValues, this.requesterValues);
	}

	@Override
	public String toString() {
		return "IdentityProviderWrite[" + this.displayName + ", " + this.issuer + "]";
	}

}
