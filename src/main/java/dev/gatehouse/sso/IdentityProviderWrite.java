package dev.gatehouse.sso;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.sso.IdentityProviderService.NewIdentityProvider;

/**
 * The body of {@code POST /api/v1/Settings/IdentityProviders}: {@code DisplayName},
 * {@code Issuer}, {@code ClientId} and {@code ClientSecret} required;
 * {@code RegistrationId}, {@code LinkByVerifiedEmail} (default false) and
 * {@code ProvisionUsers} (default true) optional.
 */
record IdentityProviderWrite(@JsonProperty("DisplayName") String displayName, @JsonProperty("Issuer") String issuer,
		@JsonProperty("ClientId") String clientId, @JsonProperty("ClientSecret") String clientSecret,
		@JsonProperty("RegistrationId") String registrationId,
		@JsonProperty("LinkByVerifiedEmail") Boolean linkByVerifiedEmail,
		@JsonProperty("ProvisionUsers") Boolean provisionUsers) {

	NewIdentityProvider toRequest() {
		return new NewIdentityProvider(this.displayName, this.issuer, this.clientId, this.clientSecret,
				this.registrationId, this.linkByVerifiedEmail, this.provisionUsers);
	}

	@Override
	public String toString() {
		return "IdentityProviderWrite[" + this.displayName + ", " + this.issuer + "]";
	}

}
