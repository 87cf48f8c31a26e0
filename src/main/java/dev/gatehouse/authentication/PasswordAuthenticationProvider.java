package dev.gatehouse.authentication;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authentication.LoginAttemptLimiter.Attempt;
import dev.gatehouse.authentication.VerifiedPasswords.Verified;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserService;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a login and password, from the login form or HTTP Basic (SPEC §2.3, §2.5, §2.6):
 * refused while the login form is disabled, for inactive users, for the System user on
 * the login form, and without even checking the password while the address or login is
 * rate-limited.
 */
@Component
final class PasswordAuthenticationProvider implements AuthenticationProvider {

	/** Where the password was presented. */
	enum Entry {

		LOGIN_FORM, HTTP_BASIC

	}

	/** Basic sign-ins update the last-login date at most this often. */
	private static final Duration LAST_LOGIN_RESOLUTION = Duration.ofMinutes(5);

	private final UserService users;

	private final SettingsService settings;

	private final LoginAttemptLimiter limiter;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final AuditLog audit;

	private final UserDirectory directory;

	private final VerifiedPasswords verifiedPasswords;

	/**
	 * Compared against when the login is unknown, so timing does not reveal which logins
	 * exist.
	 */
	private final String unknownUserHash;

	/**
	 * Users whose Basic sign-in this node recorded lately: at most one write per user and
	 * period.
	 */
	private final Cache<Long, Boolean> recentSignIns = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(LAST_LOGIN_RESOLUTION)
		.build();

	PasswordAuthenticationProvider(UserService users, SettingsService settings, LoginAttemptLimiter limiter,
			PasswordEncoder passwordEncoder, Clock clock, AuditLog audit, UserDirectory directory,
			VerifiedPasswords verifiedPasswords) {
		this.users = users;
		this.settings = settings;
		this.limiter = limiter;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.audit = audit;
		this.directory = directory;
		this.verifiedPasswords = verifiedPasswords;
		this.unknownUserHash = passwordEncoder.encode("unknown-user-password-placeholder");
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		Entry entry = (authentication instanceof BasicCredential) ? Entry.HTTP_BASIC : Entry.LOGIN_FORM;
		String login = authentication.getName();
		String password = String.valueOf(authentication.getCredentials());
		String address = address(authentication);
		if (!this.settings.loginFormEnabled()) {
			throw new LoginFormDisabledException();
		}
		this.limiter.checkNotBlocked(address, login);
		Verified verified = (entry == Entry.HTTP_BASIC)
				? this.verifiedPasswords.verify(login, password, () -> check(entry, login, password, address))
				: check(entry, login, password, address);
		// The user as they stand now: a remembered check is only good for the same
		// credentials.
		User user = this.directory.find(verified.userId())
			.map(UserAccess::user)
			.filter((current) -> current.credentialVersion() == verified.credentialVersion())
			.orElseThrow(() -> new CredentialRefusedException("Invalid login or password"));
		if (!user.active()) {
			throw new DisabledException("This account is deactivated");
		}
		if (user.isSystem() && entry == Entry.LOGIN_FORM) {
			throw new BadCredentialsException("The System user cannot sign in to pages");
		}
		if (entry == Entry.LOGIN_FORM) {
			this.users.recordLogin(user.id());
		}
		else if (this.recentSignIns.asMap().putIfAbsent(user.id(), Boolean.TRUE) == null
				&& (user.lastLoginDate() == null
						|| user.lastLoginDate().plus(LAST_LOGIN_RESOLUTION).isBefore(this.clock.instant()))) {
			this.users.recordLogin(user.id());
		}
		return new CallerAuthentication(Caller.of(user, true), CredentialType.PASSWORD, user.credentialVersion());
	}

	/**
	 * Checks the password against the stored hash, within the failed-login limits.
	 */
	private Verified check(Entry entry, String login, String password, String address) {
		Attempt attempt = this.limiter.begin(address, login);
		try {
			return check(entry, login, password, address, attempt);
		}
		catch (CredentialRefusedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Not checked (the database failed, say): no guess, so it does not count.
			attempt.abandoned();
			throw ex;
		}
	}

	private Verified check(Entry entry, String login, String password, String address, Attempt attempt) {
		Optional<User> found = LoginAttemptLimiter.isWellFormed(login) ? this.users.findByLogin(login)
				: Optional.empty();
		boolean matches;
		if (found.isPresent() && found.get().hasPassword()) {
			matches = this.users.passwordMatches(found.get(), password);
		}
		else {
			// Same work as a real check, so that the answer time does not tell which
			// logins exist.
			this.passwordEncoder.matches(password, this.unknownUserHash);
			matches = false;
		}
		// A deactivated account's right password counts as a failure: neither refunded
		// nor remembered, it is answered exactly like a wrong one.
		boolean deactivated = found.isPresent() && !found.get().active();
		if (!matches || deactivated) {
			// An unknown login is not recorded: people type passwords into the login
			// field.
			this.audit.refused(AuditAction.SIGN_IN_FAILED, failure(found, deactivated), address,
					found.map(User::id).orElse(null), found.map(User::login).orElse(null),
					entry.name().toLowerCase(java.util.Locale.ROOT));
			throw new CredentialRefusedException("Invalid login or password");
		}
		attempt.succeeded();
		return new Verified(found.get().id(), found.get().credentialVersion());
	}

	private static String failure(Optional<User> found, boolean deactivated) {
		if (found.isEmpty()) {
			return "unknown login";
		}
		if (deactivated) {
			return "account deactivated";
		}
		return found.get().hasPassword() ? "wrong password" : "no password set";
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static String address(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return "unknown";
	}

	/**
	 * The organisation allows single sign-on only: no login form, no Basic.
	 */
	static final class LoginFormDisabledException extends AuthenticationException {

		private static final long serialVersionUID = 1L;

		LoginFormDisabledException() {
			super("The login form and HTTP Basic are disabled; use single sign-on or an access token");
		}

	}

}
