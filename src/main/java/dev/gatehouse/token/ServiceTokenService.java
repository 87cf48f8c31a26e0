package dev.gatehouse.token;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.token.TokenFormat.ParsedToken;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service tokens (SPEC §3): Targetprocess's {@code GET /api/v1/Authentication} tokens.
 * Nothing is stored: a token carries the user's id and credential version, sealed with an
 * HMAC-SHA256 under a server key. It stays valid exactly as long as the user is active
 * and keeps the same login and password, whose change bumps the credential version.
 */
@Service
public class ServiceTokenService {

	static final String KEY_NAME = "service-token-mac";

	/** 20 bytes of MAC (160 bits), 8 of user id, 4 of credential version. */
	private static final int PAYLOAD_BYTES = 32;

	private static final int MAC_BYTES = 20;

	private static final int BODY_LENGTH = 43;

	private final TokenFormat format;

	private final ServerKeys keys;

	private final UserService userService;

	private final UserDirectory users;

	private final AuditLog audit;

	/** What a service token gets while an administrator has switched them off. */
	public static final String SWITCHED_OFF = "Service tokens are switched off for this organisation: use a personal"
			+ " access token instead (My access tokens, or POST /api/v1/AccessTokens), sent as Authorization: Bearer,"
			+ " ?access_token= or the password of HTTP Basic with an empty user name";

	/** The reason a refusal names when service tokens are switched off. */
	static final String SWITCHED_OFF_REASON = "service tokens switched off";

	private final SettingsService settings;

	ServiceTokenService(TokenFormat format, ServerKeys keys, UserService userService, UserDirectory users,
			AuditLog audit, SettingsService settings) {
		this.settings = settings;
		this.format = format;
		this.keys = keys;
		this.userService = userService;
		this.users = users;
		this.audit = audit;
	}

	/**
	 * The service token of the caller, or, for administrators, of another user
	 * ({@code login=System} included).
	 * @param caller who asks
	 * @param login whose token, or {@code null} for the caller's own
	 * @return the token
	 */
	@Transactional
	public String issue(Caller caller, String login) {
		caller.requireInteractive("obtain a service token");
		if (!this.settings.current().serviceTokensEnabled()) {
			throw new AccessRefusedException(SWITCHED_OFF);
		}
		User user;
		if (login == null || login.equalsIgnoreCase(caller.login())) {
			user = this.users.find(caller.userId())
				.map(UserAccess::user)
				.orElseThrow(() -> NotFoundException.of("User", caller.userId()));
			this.audit.record(AuditAction.SERVICE_TOKEN_ISSUED, caller, user.id(), user.login(), "own service token");
		}
		else {
			caller.requireAdministrator("obtain another user's service token");
			user = this.userService.findByLogin(login)
				.orElseThrow(() -> new NotFoundException("User '" + login + "' was not found"));
			this.audit.record(AuditAction.SERVICE_TOKEN_ISSUED, caller, user.id(), user.login(), "service token");
		}
		if (!user.hasPassword() && !user.isSystem()) {
			// A service token is tied to the password (seed 002); a user who signs in
			// only
			// through single sign-on has none to tie it to.
			throw new InvalidRequestException("User '" + user.login() + "' has no password, and service tokens are"
					+ " derived from it: use a personal access token (POST /api/v1/AccessTokens)");
		}
		ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
		payload.put(mac(user.id(), user.credentialVersion())).putLong(user.id()).putInt(user.credentialVersion());
		return this.format.encode(TokenKind.SERVICE, payload.array(), BODY_LENGTH);
	}

	/**
	 * Checks a presented service token.
	 * @param parsed the token, recognised as a service token
	 * @return the outcome
	 */
	TokenCheck check(ParsedToken parsed) {
		if (!this.settings.current().serviceTokensEnabled()) {
			return new TokenCheck.Refused(SWITCHED_OFF_REASON);
		}
		if (parsed.body().length() != BODY_LENGTH) {
			return new TokenCheck.Refused("malformed service token");
		}
		ByteBuffer payload = ByteBuffer.wrap(TokenFormat.decodeBase62(parsed.body(), PAYLOAD_BYTES));
		byte[] presented = new byte[MAC_BYTES];
		payload.get(presented);
		long userId = payload.getLong();
		int version = payload.getInt();
		if (!MessageDigest.isEqual(presented, mac(userId, version))) {
			return new TokenCheck.Refused("service token with a wrong signature");
		}
		Optional<UserAccess> owner = this.users.find(userId);
		if (owner.isEmpty() || !owner.get().user().active()) {
			return new TokenCheck.Refused("service token of an inactive or deleted user");
		}
		User user = owner.get().user();
		if (user.credentialVersion() != version) {
			return new TokenCheck.Refused("service token from before a login or password change");
		}
		if (!user.hasPassword()) {
			return new TokenCheck.Refused("service token of a user without a password");
		}
		return new TokenCheck.Accepted(null, owner.get());
	}

	private byte[] mac(long userId, int version) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.keys.get(KEY_NAME), "HmacSHA256"));
			mac.update(TokenKind.SERVICE.prefix().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			mac.update(ByteBuffer.allocate(12).putLong(userId).putInt(version).array());
			return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

}
