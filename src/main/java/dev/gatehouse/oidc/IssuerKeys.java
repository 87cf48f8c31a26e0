package dev.gatehouse.oidc;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * The published keys of the issuers Gatehouse trusts, one cached key set per
 * {@code jwks_uri}: kept 15 minutes, and fetched again when a token names a key id the
 * cache does not hold, at most twice in 30 seconds, so that a flood of made-up key ids
 * cannot make Gatehouse hammer an issuer. Spring's own builder has no such bound
 * (spring-security#19643), so the key source is built here, for the ID tokens of single
 * sign-on and the tokens of CI jobs alike.
 */
@Component
public class IssuerKeys {

	/** Asymmetric algorithms only: a shared secret would let the holder sign anything. */
	public static final List<SignatureAlgorithm> ALGORITHMS = List.of(SignatureAlgorithm.RS256,
			SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384,
			SignatureAlgorithm.PS256);

	private static final int MAX_KEY_SETS = 1_000;

	private static final Duration LIFETIME = Duration.ofMinutes(15);

	private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);

	private static final int TIMEOUT_MILLIS = 5_000;

	private static final int SIZE_LIMIT = 256 * 1024;

	private final Cache<String, JWKSource<SecurityContext>> sources = Caffeine.newBuilder()
		.maximumSize(MAX_KEY_SETS)
		.build();

	private final IssuerAddresses addresses;

	IssuerKeys(IssuerAddresses addresses) {
		this.addresses = addresses;
	}

	/**
	 * A decoder that checks signatures against the keys published at an address; the
	 * caller sets the validators of the claims.
	 * @param keysLocation the issuer's {@code jwks_uri}, from its discovery document
	 * @return the decoder
	 */
	public NimbusJwtDecoder decoder(String keysLocation) {
		return NimbusJwtDecoder.withJwkSource(this.sources.get(keysLocation, this::source))
			.jwsAlgorithms((algorithms) -> algorithms.addAll(ALGORITHMS))
			.build();
	}

	private JWKSource<SecurityContext> source(String keysLocation) {
		try {
			return JWKSourceBuilder
				.<SecurityContext>create(URI.create(keysLocation).toURL(),
						this.addresses.retriever(TIMEOUT_MILLIS, SIZE_LIMIT))
				.cache(LIFETIME.toMillis(), REFRESH_TIMEOUT.toMillis())
				.rateLimited(MIN_REFETCH_INTERVAL.toMillis())
				.build();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored jwks_uri is no URL: " + keysLocation, ex);
		}
	}

}
