package dev.gatehouse.sso;

import java.time.Duration;
import java.util.Optional;

import dev.gatehouse.oidc.ProviderDiscovery;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.CoherentCache;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * The client registrations of Spring Security's OpenID Connect login, one per identity
 * provider, built from what was stored when the provider was saved: no network, no clear
 * secret in the database. A provider changed or removed on any node is forgotten here at
 * once.
 * <p>
 * PKCE is required of every registration (Spring Security's default since 7.0), and the
 * issuer is set, so the ID token's {@code iss}, {@code aud}, expiry and {@code nonce} are
 * all checked.
 */
@Component
public class IdentityProviderRegistrations implements ClientRegistrationRepository {

	private final JdbcIdentityProviderRepository providers;

	private final ClientSecrets secrets;

	private final ProviderDiscovery discovery;

	private final CoherentCache<String, Registered> registrations;

	IdentityProviderRegistrations(JdbcIdentityProviderRepository providers, ClientSecrets secrets,
			ProviderDiscovery discovery, ChangeNotifications changes) {
		this.providers = providers;
		this.secrets = secrets;
		this.discovery = discovery;
		this.registrations = CoherentCache.on(changes, Topic.IDENTITY_PROVIDER, 1_000, Duration.ofMinutes(10),
				Registered::providerId);
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		return this.registrations.get(registrationId, this::load).map(Registered::registration).orElse(null);
	}

	private Optional<Registered> load(String registrationId) {
		return this.providers.findByRegistrationId(registrationId)
			.map((provider) -> new Registered(provider.id(), registration(provider)));
	}

	private ClientRegistration registration(IdentityProvider provider) {
		return ClientRegistrations.fromOidcConfiguration(this.discovery.parse(provider.metadata()))
			.registrationId(provider.registrationId())
			.clientName(provider.displayName())
			.clientId(provider.clientId())
			.clientSecret(this.secrets.decrypt(provider.encryptedClientSecret()))
			.scope(OidcScopes.OPENID, OidcScopes.EMAIL, OidcScopes.PROFILE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
			.build();
	}

	private record Registered(long providerId, ClientRegistration registration) {
	}

}
