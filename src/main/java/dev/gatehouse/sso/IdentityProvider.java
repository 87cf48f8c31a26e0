package dev.gatehouse.sso;

import java.time.Instant;

/**
 * An OpenID provider the organisation signs in with.
 *
 * @param id the id
 * @param registrationId the path segment of its sign-in and redirect addresses
 * @param displayName what the login page shows: "Sign in with ..."
 * @param issuer the issuer URL, as the provider's discovery document states it
 * @param clientId Gatehouse's client id at the provider
 * @param encryptedClientSecret the client secret, encrypted by {@link ClientSecrets}
 * @param metadata the provider's discovery document, as fetched when saved
 * @param linkByVerifiedEmail whether a first sign-in may link an existing user by an
 * email the provider marks verified
 * @param provisionUsers whether a first sign-in without a linked user creates one
 * @param roleMapping which claim values make administrators and requesters, or
 * {@code null} to leave roles to Gatehouse's administrators
 * @param configured whether {@code GATEHOUSE_SSO_PROVIDERS} declares it (configuration as
 * code): then only the variable changes or removes it
 * @param createDate when it was added
 */
public record IdentityProvider(long id, String registrationId, String displayName, String issuer, String clientId,
		String encryptedClientSecret, String metadata, boolean linkByVerifiedEmail, boolean provisionUsers,
		RoleMapping roleMapping, boolean configured, Instant createDate) {

	@Override
	public String toString() {
		// Never the secret, even encrypted.
		return "IdentityProvider[" + this.registrationId + ", " + this.issuer + "]";
	}

}
