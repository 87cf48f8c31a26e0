package dev.gatehouse.trustedci;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.oidc.IssuerKeys;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.CoherentCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Checks a CI job's OpenID Connect token against the trusted CI identities: an issuer
 * some project trusts (tokens of any other issuer are refused without a look at the
 * network), a signature by a key the issuer publishes, an expiry in the future, and an
 * audience and claims that match at least one identity. Every acceptance and every
 * refusal of a trusted issuer's token is audited with its reason.
 *
 * <p>
 * The issuer's keys come from {@link IssuerKeys}: cached, and fetched again for an
 * unknown key id at most twice in 30 seconds.
 */
@Component
public class CiTokenVerifier {

	private static final Logger logger = LoggerFactory.getLogger(CiTokenVerifier.class);

	/** A decoder for every trusted issuer fits; nobody else's keys are ever fetched. */
	private static final int MAX_ISSUERS = 1_000;

	/** Clock skew allowed on {@code exp} and {@code nbf}. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final JdbcTrustedCiIdentityRepository identities;

	private final IssuerKeys keys;

	private final AuditLog audit;

	private final Clock clock;

	/** Every trusted identity by issuer, under one key. */
	private final CoherentCache<String, Map<String, List<TrustedCiIdentity>>> byIssuer;

	private final Cache<String, JwtDecoder> decoders = Caffeine.newBuilder().maximumSize(MAX_ISSUERS).build();

	CiTokenVerifier(JdbcTrustedCiIdentityRepository identities, IssuerKeys keys, AuditLog audit, Clock clock,
			ChangeNotifications changes) {
		this.identities = identities;
		this.keys = keys;
		this.audit = audit;
		this.clock = clock;
		this.byIssuer = CoherentCache.on(changes, Topic.TRUSTED_CI_IDENTITY, 1, Duration.ofMinutes(10),
				(all) -> ChangeNotifications.EVERYTHING);
	}

	/**
	 * Whether a bearer value has the shape of a signed JWT rather than a Gatehouse token
	 * (which never contains a dot).
	 * @param value the value after {@code Bearer}
	 * @return whether it is three dot-separated parts, the first a JSON object
	 */
	public static boolean looksLikeJwt(String value) {
		return value.startsWith("eyJ") && value.chars().filter((c) -> c == '.').count() == 2;
	}

	/**
	 * The job a token proves, or why it proves none.
	 * @param value the token
	 * @param address the client's address, for the audit log
	 * @return the job
	 * @throws CiTokenRefusedException if the token is not accepted
	 */
	public CiJob verify(String value, String address) {
		JWT parsed = parsed(value, address);
		String issuer = issuerOf(parsed, address);
		List<TrustedCiIdentity> trusted = this.byIssuer.get("all", (key) -> Optional.of(all()))
			.orElseThrow()
			.getOrDefault(issuer, List.of());
		if (trusted.isEmpty()) {
			// No target: the issuer is whatever the sender wrote.
			throw refused("issuer not trusted by any project", address, null);
		}
		String target = "token of " + issuer;
		if (!(parsed instanceof SignedJWT)) {
			// alg none (or encrypted): nothing to check a signature on.
			throw refused("unsigned token (alg " + parsed.getHeader().getAlgorithm() + ")", address, target);
		}
		Jwt token = decoded(value, issuer, trusted, address, target);
		target = "token of " + issuer + " for " + token.getSubject();
		List<Long> matching = trusted.stream()
			.filter((identity) -> identity.trusts(token.getAudience(), token.getClaims()))
			.map(TrustedCiIdentity::id)
			.toList();
		// As they are now, not as cached: an identity removed, or a project deleted or
		// renamed, on any node, counts from this request on.
		List<TrustedCiIdentity> matched = matching.isEmpty() ? List.of() : this.identities.findByIds(matching);
		if (matched.isEmpty()) {
			throw refused("no trusted CI identity matches the token's audience and claims", address, target);
		}
		CiJob job = new CiJob(issuer, token.getSubject(), repository(token), token.getClaimAsString("ref"), run(token),
				matched);
		this.audit.recordTechnical(AuditAction.CI_TOKEN_ACCEPTED, job.label(), target + ", matched "
				+ matched.stream().map(TrustedCiIdentity::label).collect(Collectors.joining(", ")));
		return job;
	}

	/**
	 * Records that a job uploaded through an identity, as its last use.
	 * @param identity the identity
	 */
	public void recordUpload(TrustedCiIdentity identity) {
		this.identities.recordUse(identity.id(), this.clock.instant());
	}

	/**
	 * The token checked against the keys of its issuer: each key set address the issuer's
	 * identities stored, until one verifies it (they differ only if the issuer moved its
	 * keys between two identities' creation).
	 */
	private Jwt decoded(String value, String issuer, List<TrustedCiIdentity> trusted, String address, String target) {
		CiTokenRefusedException refusal = null;
		for (String keysLocation : trusted.stream().map(TrustedCiIdentity::keysLocation).distinct().toList()) {
			try {
				return decoder(issuer, keysLocation).decode(value);
			}
			catch (JwtValidationException ex) {
				refusal = refused(ex.getErrors()
					.stream()
					.map(OAuth2Error::getDescription)
					.collect(Collectors.joining("; ", "invalid token: ", "")), address, target);
			}
			catch (BadJwtException ex) {
				refusal = refused("invalid token: " + ex.getMessage(), address, target);
			}
			catch (JwtException ex) {
				// The keys could not be read, or were fetched too often: not the job's
				// fault, but nothing proves who it is.
				if (isRateLimited(ex)) {
					// Made-up key ids past the bound: one audit burst, not a log line
					// each.
					refusal = refused("unknown key id; the issuer's keys were fetched twice in 30 s already", address,
							target);
				}
				else {
					logger.warn("The keys of CI issuer {} could not be read: {}", issuer,
							(ex.getCause() != null) ? ex.getCause().toString() : ex.toString());
					refusal = refused("the issuer's keys could not be read", address, target);
				}
			}
		}
		throw refusal;
	}

	/**
	 * Records that an accepted job asked for something it may not do.
	 * @param job the job
	 * @param what the request, e.g. {@code GET /api/v1/Projects}
	 * @param address the client's address
	 */
	public void refusedRequest(CiJob job, String what, String address) {
		this.audit.refused(AuditAction.CI_TOKEN_REFUSED, "a CI job may only upload snapshots; asked " + what, address,
				null, null, job.label());
	}

	/**
	 * Records that an accepted job tried to upload to a project that does not trust it.
	 * @param job the job
	 * @param project the project key or id it asked for
	 */
	public void refusedProject(CiJob job, String project) {
		this.audit.recordTechnical(AuditAction.CI_TOKEN_REFUSED, job.label(),
				"upload to project " + project + ", which does not trust this job; it matched "
						+ job.identities().stream().map(TrustedCiIdentity::label).collect(Collectors.joining(", ")));
	}

	private Map<String, List<TrustedCiIdentity>> all() {
		return this.identities.findAll()
			.stream()
			.collect(Collectors.groupingBy(TrustedCiIdentity::issuer, Collectors.toUnmodifiableList()));
	}

	private static boolean isRateLimited(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RateLimitReachedException) {
				return true;
			}
		}
		return false;
	}

	private JWT parsed(String value, String address) {
		try {
			return JWTParser.parse(value);
		}
		catch (ParseException | RuntimeException ex) {
			throw refused("not a JWT", address, null);
		}
	}

	private String issuerOf(JWT parsed, String address) {
		String issuer;
		try {
			issuer = parsed.getJWTClaimsSet().getIssuer();
		}
		catch (ParseException | RuntimeException ex) {
			issuer = null;
		}
		if (issuer == null) {
			throw refused("no issuer", address, null);
		}
		return issuer;
	}

	private JwtDecoder decoder(String issuer, String keysLocation) {
		return this.decoders.get(issuer + " " + keysLocation, (key) -> {
			NimbusJwtDecoder decoder = this.keys.decoder(keysLocation);
			JwtTimestampValidator expiry = new JwtTimestampValidator(CLOCK_SKEW);
			// A token without an expiry would be a long-lived secret again.
			expiry.setAllowEmptyExpiryClaim(false);
			expiry.setClock(this.clock);
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(issuer), expiry));
			return decoder;
		});
	}

	private CiTokenRefusedException refused(String reason, String address, String target) {
		this.audit.refused(AuditAction.CI_TOKEN_REFUSED, reason, address, null, null, target);
		return new CiTokenRefusedException(reason);
	}

	/**
	 * GitHub's {@code repository}, GitLab's {@code project_path}, or else the subject.
	 */
	private static String repository(Jwt token) {
		for (String claim : List.of("repository", "project_path")) {
			String value = token.getClaimAsString(claim);
			if (value != null) {
				return value;
			}
		}
		return token.getSubject();
	}

	/** GitHub's {@code run_id} (with its attempt), GitLab's {@code pipeline_id}. */
	private static String run(Jwt token) {
		String run = token.getClaimAsString("run_id");
		if (run != null) {
			String attempt = token.getClaimAsString("run_attempt");
			return (attempt != null && !"1".equals(attempt)) ? run + " attempt " + attempt : run;
		}
		return token.getClaimAsString("pipeline_id");
	}

}
