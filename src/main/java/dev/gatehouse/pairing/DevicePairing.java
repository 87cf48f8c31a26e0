package dev.gatehouse.pairing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.pairing.DeviceAuthorization.Status;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.system.TooManyRequestsException;
import dev.gatehouse.token.PairedApps;
import dev.gatehouse.token.PersonalAccessTokenService;
import dev.gatehouse.token.PersonalAccessTokenService.IssuedToken;
import dev.gatehouse.token.Scope;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserDirectory.UserAccess;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The device grant (RFC 8628), implemented here rather than with Spring Authorization
 * Server, whose device grant stores the issued token's value in its own tables and mints
 * it without the user present (see docs/pairing.md). An app asks for codes; the user,
 * signed in, looks its code up and approves or denies it on the pairing page; the app's
 * next poll collects a personal access token issued to that user, with the scopes they
 * saw, named after the app and device.
 */
@Service
public class DevicePairing implements PairedApps {

	/** How long the codes work (RFC 8628 §3.2 {@code expires_in}). */
	static final Duration LIFETIME = Duration.ofMinutes(10);

	/** The seconds an app waits between polls, to begin with. */
	static final int INTERVAL = 5;

	/** The most requests waiting at once: strangers may ask, but not fill the table. */
	static final int MAX_LIVE = 10_000;

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

	private static final Set<Scope> DEFAULT_SCOPES = EnumSet.of(Scope.PROFILE_READ);

	private final JdbcDeviceAuthorizationRepository authorizations;

	private final PersonalAccessTokenService tokens;

	private final UserDirectory directory;

	private final PairingLimits limits;

	private final AuditLog audit;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	DevicePairing(JdbcDeviceAuthorizationRepository authorizations, PersonalAccessTokenService tokens,
			UserDirectory directory, PairingLimits limits, AuditLog audit, Clock clock) {
		this.authorizations = authorizations;
		this.tokens = tokens;
		this.directory = directory;
		this.limits = limits;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * RFC 8628 §3.1–3.2: an app asks to be paired.
	 * @param clientId the app, as it names itself
	 * @param deviceName the device, as it names itself, or {@code null}
	 * @param scope the scopes it asks for, space-separated, or {@code null} for
	 * {@code profile:read}
	 * @param address where it asks from
	 * @return the codes
	 */
	// No transaction: a user code already taken fails its insert alone, and the next
	// attempt runs on (PostgreSQL aborts a transaction at its first error).
	public Codes authorize(String clientId, String deviceName, String scope, String address) {
		this.limits.takeRequest(address);
		String client = clientId(clientId);
		String device = deviceName(deviceName);
		Set<Scope> scopes = scopes(scope);
		Instant now = this.clock.instant();
		if (this.authorizations.countLive(now) >= MAX_LIVE) {
			throw new TooManyRequestsException("Too many apps are waiting to be paired; try again in a few minutes",
					LIFETIME.toSeconds());
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String deviceCode = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		for (int attempt = 0;; attempt++) {
			String userCode = UserCodes.generate(this.random);
			try {
				this.authorizations.insert(hash(deviceCode), userCode, client, device, scopes, INTERVAL, now,
						now.plus(LIFETIME));
				return new Codes(deviceCode, UserCodes.display(userCode), LIFETIME.toSeconds(), INTERVAL);
			}
			catch (DuplicateKeyException ex) {
				if (attempt == 4) {
					throw ex;
				}
			}
		}
	}

	/**
	 * RFC 8628 §3.4–3.5: an app polls with its device code.
	 * @param deviceCode the device code
	 * @param clientId the app, which must be the one that asked
	 * @return the token, or the error the app must act on
	 */
	@Transactional(noRollbackFor = PairingError.class)
	public Collected poll(String deviceCode, String clientId) {
		if (deviceCode == null || deviceCode.length() > 100) {
			throw new PairingError("invalid_request", "device_code is required");
		}
		DeviceAuthorization request = this.authorizations.findByDeviceCodeHash(hash(deviceCode))
			.filter((found) -> found.clientId().equals(clientId))
			.orElseThrow(() -> new PairingError("invalid_grant", "Unknown device code for this client_id"));
		if (request.status() == Status.COLLECTED) {
			throw new PairingError("invalid_grant", "The device code was used already");
		}
		Instant now = this.clock.instant();
		if (request.expiredAt(now)) {
			throw new PairingError("expired_token", "The device code expired; ask for a new one");
		}
		// A second's grace: the previous poll may have been timed by another node's
		// clock.
		boolean tooSoon = request.lastPoll() != null
				&& now.isBefore(request.lastPoll().plusSeconds(request.interval() - 1));
		int interval = tooSoon ? request.interval() + 5 : request.interval();
		if (!this.authorizations.recordPoll(request.id(), request.lastPoll(), now, interval) || tooSoon) {
			throw new PairingError("slow_down", "Polling too often: wait " + interval + " seconds between polls");
		}
		if (request.status() == Status.PENDING) {
			throw new PairingError("authorization_pending", "The user has not answered yet");
		}
		if (request.status() == Status.DENIED) {
			throw new PairingError("access_denied", "The user denied the request");
		}
		long userId = request.userId();
		Optional<UserAccess> owner = this.directory.find(userId)
			.filter((access) -> access.user().active() && !access.user().isRequester() && access.mayUseAccessTokens());
		if (owner.isEmpty()) {
			this.authorizations.collect(request.id());
			throw new PairingError("access_denied", "The account that approved the app may no longer use tokens");
		}
		if (!this.authorizations.collect(request.id())) {
			throw new PairingError("invalid_grant", "The device code was used already");
		}
		IssuedToken issued = this.tokens.issueToPairedApp(userId, request.tokenName(), request.scopes());
		this.authorizations.recordToken(request.id(), issued.token().id(), request.clientId(), request.deviceName(),
				now);
		LocalDate last = issued.token().expirationDate();
		Long expiresIn = (last != null)
				? Duration.between(now, last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds() : null;
		return new Collected(issued.value(), scopeText(issued.token().scopes()), expiresIn);
	}

	/**
	 * What the pairing page shows for a typed code: the app and what it asks for. Each
	 * look-up counts against the caller's and the address's allowance.
	 * @param caller who looks
	 * @param typed the code as typed
	 * @param address where from
	 * @return the request, if the code is live and waits for an answer
	 */
	public Pending lookUp(Caller caller, String typed, String address) {
		requireMayPair(caller);
		this.limits.takeGuess(caller.userId(), address);
		String code = UserCodes.normalise(typed)
			.orElseThrow(() -> new InvalidRequestException("A code has eight letters, such as BCDF-GHJK"));
		DeviceAuthorization request = this.authorizations.findByUserCode(code)
			.filter((found) -> found.status() == Status.PENDING && !found.expiredAt(this.clock.instant()))
			.orElseThrow(() -> new NotFoundException(
					"No app is waiting with that code: it may be mistyped, expired or answered already"));
		return new Pending(UserCodes.display(request.userCode()), request.clientId(), request.deviceName(),
				request.scopes(), request.expiryDate());
	}

	/**
	 * The user approves or denies, in person, the request their code names.
	 * @param caller who answers: a signed-in user whose role allows access tokens
	 * @param typed the code
	 * @param approve whether they approve
	 * @param address where from
	 * @return the request answered
	 */
	@Transactional
	public Pending answer(Caller caller, String typed, boolean approve, String address) {
		caller.requireInteractive("pair an app");
		Pending pending = lookUp(caller, typed, address);
		DeviceAuthorization request = this.authorizations.findByUserCode(UserCodes.normalise(typed).orElseThrow())
			.orElseThrow();
		if (!this.authorizations.decide(request.id(), approve ? Status.APPROVED : Status.DENIED, caller.userId(),
				this.clock.instant())) {
			throw new NotFoundException("No app is waiting with that code: it may be expired or answered already");
		}
		this.audit.record(approve ? AuditAction.APP_PAIRED : AuditAction.APP_PAIRING_DENIED, caller, caller.userId(),
				caller.login(), "app \"" + request.tokenName() + "\" asking for " + scopeText(request.scopes())
						+ " (code " + UserCodes.display(request.userCode()) + ")");
		return pending;
	}

	@Override
	public Map<Long, String> pairedApps(long userId) {
		return this.authorizations.pairedApps(userId);
	}

	/**
	 * Forgets requests whose codes expired a day ago; until then a late poll still learns
	 * that its code expired.
	 * @return how many were forgotten
	 */
	@Transactional
	public int forgetExpired() {
		return this.authorizations.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

	void requireMayPair(Caller caller) {
		caller.requireWorkDataAccess();
		UserAccess access = this.directory.find(caller.userId())
			.orElseThrow(() -> new AccessRefusedException("Your account no longer exists"));
		if (!access.mayUseAccessTokens()) {
			throw new AccessRefusedException("Your default role does not allow access tokens, so you cannot pair apps");
		}
	}

	private static String clientId(String clientId) {
		if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
			throw new PairingError("invalid_request",
					"client_id is required: up to 64 letters, digits, '.', '_', ':' or '-', naming the app");
		}
		return clientId;
	}

	private static String deviceName(String deviceName) {
		if (deviceName == null || deviceName.isBlank()) {
			return null;
		}
		try {
			return TextRules.singleLine("device_name", deviceName.strip(), 60);
		}
		catch (InvalidRequestException ex) {
			throw new PairingError("invalid_request", ex.getMessage());
		}
	}

	private static Set<Scope> scopes(String scope) {
		if (scope == null || scope.isBlank()) {
			return DEFAULT_SCOPES;
		}
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String name : scope.strip().split(" +")) {
			try {
				scopes.add(Scope.parse(name));
			}
			catch (InvalidRequestException ex) {
				throw new PairingError("invalid_scope", ex.getMessage());
			}
		}
		return scopes;
	}

	static String scopeText(Set<Scope> scopes) {
		return scopes.stream().sorted().map(Scope::apiName).collect(Collectors.joining(" "));
	}

	private static String hash(String deviceCode) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(deviceCode.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The codes an app gets (RFC 8628 §3.2), without the addresses, which depend on the
	 * request.
	 */
	public record Codes(String deviceCode, String userCode, long expiresIn, int interval) {

		@Override
		public String toString() {
			return "Codes[" + this.userCode + "]";
		}

	}

	/**
	 * A token collected by a paired app (RFC 6749 §5.1).
	 */
	public record Collected(String accessToken, String scope, Long expiresIn) {

		@Override
		public String toString() {
			return "Collected[" + this.scope + "]";
		}

	}

	/**
	 * A request as the pairing page shows it.
	 */
	public record Pending(String userCode, String clientId, String deviceName, Set<Scope> scopes, Instant expiryDate) {

	}

}
