package dev.gatehouse.sso;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.oidc.IssuerKeys;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Decodes the ID tokens of single sign-on: the signature against the provider's keys from
 * {@link IssuerKeys} (cached, refetched for an unknown key id at most twice in 30 s;
 * Spring's own factory fetches them again on every sign-in), then issuer, audience,
 * authorized party, expiry and issue time by Spring's {@link OidcIdTokenValidator}, on
 * Gatehouse's clock. One decoder per registration, rebuilt when its client or keys
 * change.
 */
@Component
class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

	private final IssuerKeys keys;

	private final Clock clock;

	private final Cache<String, JwtDecoder> decoders = Caffeine.newBuilder().maximumSize(1_000).build();

	IdTokenDecoders(IssuerKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		String key = registration.getRegistrationId() + " " + registration.getClientId() + " "
				+ registration.getProviderDetails().getIssuerUri() + " "
				+ registration.getProviderDetails().getJwkSetUri();
		return this.decoders.get(key, (missing) -> {
			NimbusJwtDecoder decoder = this.keys.decoder(registration.getProviderDetails().getJwkSetUri());
			OidcIdTokenValidator validator = new OidcIdTokenValidator(registration);
			validator.setClock(this.clock);
			decoder.setJwtValidator(validator);
			decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
			return decoder;
		});
	}

}
