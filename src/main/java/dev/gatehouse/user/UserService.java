package dev.gatehouse.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users: who may manage them (administrators only), what a valid user is, and the
 * invariants that keep an organisation usable (an active administrator always remains;
 * the System user keeps its identity).
 */
@Service
public class UserService {

	static final int MAX_NAME = 100;

	static final int MIN_PASSWORD = 8;

	/** BCrypt reads at most 72 bytes; longer passwords would be silently cut. */
	static final int MAX_PASSWORD_BYTES = 72;

	private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

	private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,2}");

	private static final int MAX_LOCALE = 20;

	private final JdbcUserRepository users;

	private final JdbcRoleRepository roles;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final ChangeNotifications changes;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	UserService(JdbcUserRepository users, JdbcRoleRepository roles, PasswordEncoder passwordEncoder, Clock clock,
			ChangeNotifications changes, AuditLog audit, ApplicationEventPublisher events) {
		this.events = events;
		this.users = users;
		this.roles = roles;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.changes = changes;
		this.audit = audit;
	}

	/**
	 * Ends a user's service tokens (and signed-in sessions, which share the credential
	 * version), as when a service token was reported as leaked; the password still works.
	 * @param userId the user
	 * @param why for the audit log
	 * @return whether the user exists
	 */
	@Transactional
	public boolean retireServiceTokens(long userId, String why) {
		Optional<User> user = findById(userId);
		if (user.isEmpty() || this.users.bumpCredentialVersion(userId, now()) == 0) {
			return false;
		}
		this.changes.publish(Topic.USER, userId);
		this.audit.recordTechnical(AuditAction.USER_CHANGED, why, user.get().login() + ": service tokens revoked");
		return true;
	}

	/**
	 * The people who administer Gatehouse now (System aside), for notices and digests.
	 * @return the active administrators
	 */
	public List<User> activeAdministrators() {
		return this.users.findActiveAdministrators();
	}

	public Optional<User> findById(long id) {
		return this.users.findById(id);
	}

	public Optional<User> findByLogin(String login) {
		return this.users.findByLogin(login);
	}

	public User get(long id) {
		return this.users.findById(id).orElseThrow(() -> NotFoundException.of("User", id));
	}

	public User getSystemUser() {
		return this.users.findSystemUser().orElseThrow(() -> new IllegalStateException("The System user is missing"));
	}

	/**
	 * Lists users; every API user may see who is in the organisation.
	 * @param caller who asks
	 * @param parameters the page, filter and order
	 * @return the page
	 */
	public CollectionPage<User> list(Caller caller, CollectionParameters parameters) {
		return this.users.find(parameters);
	}

	/**
	 * Whether a password matches the user's, in constant time.
	 * @param user the user
	 * @param password the password presented
	 * @return whether it matches
	 */
	public boolean passwordMatches(User user, String password) {
		return user.hasPassword() && this.passwordEncoder.matches(password, user.passwordHash());
	}

	@Transactional
	public User create(Caller caller, UserChanges changes) {
		caller.requireAdministrator("manage users");
		if (changes.login() == null) {
			throw new InvalidRequestException("Login is required");
		}
		requireInteractiveToMintCredentials(caller, changes, false, true);
		Role role = (changes.roleId() != null) ? role(changes.roleId()) : defaultRole();
		User draft = new User(0, checkLogin(changes.login(), 0), name("FirstName", changes.firstName()),
				name("LastName", changes.lastName()), email(changes.email()), hash(changes.password()),
				Objects.requireNonNullElse(changes.kind(), UserKind.User),
				Objects.requireNonNullElse(changes.active(), true),
				Objects.requireNonNullElse(changes.administrator(), false), false, role.id(), role.name(),
				locale(Objects.requireNonNullElse(changes.locale(), "en")), 0, null, null, null);
		checkKindAndAdministrator(draft);
		long id = this.users.insert(draft, now());
		this.changes.publish(Topic.USER, id);
		this.audit.record(AuditAction.USER_CREATED, caller, id, draft.login(), null);
		return get(id);
	}

	@Transactional
	public User update(Caller caller, long id, UserChanges changes) {
		caller.requireAdministrator("manage users");
		int administrators = lockForChange(id);
		User current = get(id);
		requireInteractiveToMintCredentials(caller, changes, current.administrator(), current.active());
		if (current.isSystem() && changes.changesMoreThanPassword()) {
			throw new InvalidRequestException("The System user cannot be changed, except for its password");
		}
		boolean loginChanged = changes.login() != null && !changes.login().equals(current.login());
		String login = loginChanged ? checkLogin(changes.login(), id) : current.login();
		Role role = (changes.roleId() != null) ? role(changes.roleId()) : null;
		boolean passwordChanged = changes.password() != null;
		boolean deactivated = current.active() && Boolean.FALSE.equals(changes.active());
		User updated = new User(id, login,
				(changes.firstName() != null) ? name("FirstName", changes.firstName()) : current.firstName(),
				(changes.lastName() != null) ? name("LastName", changes.lastName()) : current.lastName(),
				(changes.email() != null) ? email(changes.email()) : current.email(),
				passwordChanged ? hash(changes.password()) : current.passwordHash(),
				Objects.requireNonNullElse(changes.kind(), current.kind()),
				Objects.requireNonNullElse(changes.active(), current.active()),
				Objects.requireNonNullElse(changes.administrator(), current.administrator()), current.builtIn(),
				(role != null) ? role.id() : current.roleId(), (role != null) ? role.name() : current.roleName(),
				(changes.locale() != null) ? locale(changes.locale()) : current.locale(),
				// Deactivation also ends every session and service token for good: they
				// do
				// not come back on reactivation.
				current.credentialVersion() + ((loginChanged || passwordChanged || deactivated) ? 1 : 0),
				current.createDate(), current.modifyDate(), current.lastLoginDate());
		checkKindAndAdministrator(updated);
		boolean removesAnAdministrator = isCountedAdministrator(current) && !isCountedAdministrator(updated);
		if (removesAnAdministrator) {
			requireAnotherAdministrator(administrators);
		}
		this.users.update(updated, now());
		this.changes.publish(Topic.USER, id);
		this.audit.record(AuditAction.USER_CHANGED, caller, id, updated.login(), describe(changes));
		if (deactivated) {
			this.events.publishEvent(new UserDeactivated(caller, id, updated.login()));
		}
		return get(id);
	}

	/**
	 * A password, the administrator flag, and a reactivation (which gives an account its
	 * password back) are credentials that outlive and outrank any token: only someone
	 * present in person grants them (SPEC §4.5).
	 */
	private static void requireInteractiveToMintCredentials(Caller caller, UserChanges changes,
			boolean wasAdministrator, boolean wasActive) {
		if (Boolean.TRUE.equals(changes.active()) && !wasActive) {
			caller.requireInteractive("reactivate an account");
		}
		if (changes.password() != null) {
			caller.requireInteractive("set a password");
		}
		if (Boolean.TRUE.equals(changes.administrator()) && !wasAdministrator) {
			caller.requireInteractive("make someone an administrator");
		}
	}

	@Transactional
	public void delete(Caller caller, long id) {
		caller.requireAdministrator("manage users");
		int administrators = lockForChange(id);
		User user = get(id);
		if (user.isSystem()) {
			throw new InvalidRequestException("The System user cannot be deleted");
		}
		if (user.id() == caller.userId()) {
			throw new InvalidRequestException("You cannot delete yourself; ask another administrator");
		}
		if (isCountedAdministrator(user)) {
			requireAnotherAdministrator(administrators);
		}
		this.users.markDeleted(id, now());
		this.changes.publish(Topic.USER, id);
		this.audit.record(AuditAction.USER_DELETED, caller, id, user.login(), null);
	}

	@Transactional
	public void setPassword(Caller caller, long id, String password) {
		if (password == null) {
			throw new InvalidRequestException("Password is required");
		}
		update(caller, id, UserChanges.password(password));
	}

	/**
	 * Records a sign-in. Not announced as a change: a last-login date a minute old in the
	 * caches is harmless, and announcing it would empty every node's caches on each
	 * sign-in.
	 * @param id the user
	 */
	public void recordLogin(long id) {
		this.users.recordLogin(id, now());
	}

	/**
	 * Creates {@code admin} on first start, when no administrator other than System
	 * exists.
	 * @param password the password
	 * @return the administrator, or empty if one already existed
	 */
	@Transactional
	public Optional<User> createInitialAdministrator(String password) {
		if (this.users.lockAndCountAdministrators() > 0 || this.users.findByLogin("admin").isPresent()) {
			return Optional.empty();
		}
		Role role = defaultRole();
		User admin = new User(0, "admin", "Gatehouse", "Administrator", null, hash(password), UserKind.User, true, true,
				false, role.id(), role.name(), "en", 0, null, null, null);
		long id = this.users.insert(admin, now());
		this.changes.publish(Topic.USER, id);
		return Optional.of(get(id));
	}

	/**
	 * The users whose email is this one, for linking an identity provider's verified
	 * email to an existing account.
	 * @param email the address
	 * @return the users with it, in any case
	 */
	public List<User> findByEmail(String email) {
		return this.users.findByEmail(email);
	}

	/**
	 * Creates the user of a first single sign-on: no password, the default role, a login
	 * made unique from what the provider suggests.
	 * @param suggestedLogin e.g. the provider's {@code preferred_username}
	 * @param firstName the given name, or {@code null}
	 * @param lastName the family name, or {@code null}
	 * @param email the verified email, or {@code null}
	 * @param provider the identity provider's display name, for the audit log
	 * @return the new user
	 */
	@Transactional
	public User createFromIdentityProvider(String suggestedLogin, String firstName, String lastName, String email,
			String provider) {
		Role role = defaultRole();
		String login = availableLogin(suggestedLogin);
		User draft = new User(0, login, name("FirstName", clip(firstName)), name("LastName", clip(lastName)),
				validEmailOrNull(email), null, UserKind.User, true, false, false, role.id(), role.name(), "en", 0, null,
				null, null);
		long id = this.users.insert(draft, now());
		this.changes.publish(Topic.USER, id);
		this.audit.recordTechnical(AuditAction.USER_CREATED, "single sign-on '" + provider + "'", login);
		return get(id);
	}

	/**
	 * Applies what an identity provider's claims say a user is, at a sign-in through it:
	 * an administrator or not, a requester or not ({@code null}: the mapping does not
	 * decide that role, which stays as it is). A requester is never an administrator
	 * (requester wins: the lesser access), and the last active administrator stays one,
	 * whatever the provider says, so that a mapping cannot lock the organisation out.
	 * @param userId the user signing in
	 * @param administrator whether the claims name an administrator, or {@code null}
	 * @param requester whether the claims name a requester, or {@code null}
	 * @param provider the identity provider's display name, for the audit log
	 * @return the user as it is now
	 */
	@Transactional
	public User applyIdentityProviderRoles(long userId, Boolean administrator, Boolean requester, String provider) {
		User unlocked = get(userId);
		if (unlocked.isSystem() || unchanged(unlocked, administrator, requester)) {
			// The usual sign-in: nothing to lock, nothing to write.
			return unlocked;
		}
		int administrators = lockForChange(userId);
		User current = get(userId);
		boolean isRequester = (requester != null) ? requester : current.isRequester();
		boolean admin = !isRequester && ((administrator != null) ? administrator : current.administrator());
		UserKind kind = isRequester ? UserKind.Requester : UserKind.User;
		String kept = "";
		if (isCountedAdministrator(current) && !admin && administrators <= 1) {
			admin = true;
			kind = UserKind.User;
			kept = " (kept administrator: the last active one)";
		}
		if (admin == current.administrator() && kind == current.kind()) {
			return current;
		}
		User updated = new User(current.id(), current.login(), current.firstName(), current.lastName(), current.email(),
				current.passwordHash(), kind, current.active(), admin, current.builtIn(), current.roleId(),
				current.roleName(), current.locale(), current.credentialVersion(), current.createDate(),
				current.modifyDate(), current.lastLoginDate());
		this.users.update(updated, now());
		this.changes.publish(Topic.USER, userId);
		this.audit.recordTechnical(AuditAction.USER_CHANGED, "single sign-on '" + provider + "'",
				current.login() + ": IsAdministrator=" + admin + ", Kind=" + kind + kept);
		return get(userId);
	}

	private static boolean unchanged(User user, Boolean administrator, Boolean requester) {
		boolean isRequester = (requester != null) ? requester : user.isRequester();
		boolean admin = !isRequester && ((administrator != null) ? administrator : user.administrator());
		return isRequester == user.isRequester() && admin == user.administrator();
	}

	/**
	 * The suggested login with characters a login may not have replaced, and a number
	 * added while it is taken.
	 */
	private String availableLogin(String suggested) {
		String base = (suggested == null) ? "" : suggested.replaceAll("[^A-Za-z0-9._@+-]", "");
		if (base.isEmpty()) {
			base = "user";
		}
		base = base.substring(0, Math.min(base.length(), 90));
		String login = base;
		for (int n = 2; this.users.loginTaken(login, 0); n++) {
			login = base + n;
		}
		return login;
	}

	/** A provider's name claim as a name may be: one line, not too long. */
	private static String clip(String value) {
		if (value == null) {
			return null;
		}
		String line = value.replaceAll("\\p{Cntrl}|\\p{Cf}", " ").strip();
		return line.substring(0, Math.min(line.length(), MAX_NAME));
	}

	private static String validEmailOrNull(String value) {
		try {
			return email(value);
		}
		catch (InvalidRequestException ex) {
			return null;
		}
	}

	/**
	 * Which fields a change touched, for the audit log; never their values where they are
	 * secret.
	 */
	private static String describe(UserChanges changes) {
		java.util.List<String> fields = new java.util.ArrayList<>();
		if (changes.login() != null) {
			fields.add("Login");
		}
		if (changes.password() != null) {
			fields.add("Password");
		}
		if (changes.firstName() != null || changes.lastName() != null || changes.email() != null
				|| changes.locale() != null) {
			fields.add("profile");
		}
		if (changes.kind() != null) {
			fields.add("Kind=" + changes.kind());
		}
		if (changes.active() != null) {
			fields.add("IsActive=" + changes.active());
		}
		if (changes.administrator() != null) {
			fields.add("IsAdministrator=" + changes.administrator());
		}
		if (changes.roleId() != null) {
			fields.add("Role=" + changes.roleId());
		}
		return String.join(", ", fields);
	}

	Role defaultRole() {
		return this.roles.findAll()
			.stream()
			.filter(Role::builtIn)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No built-in role"));
	}

	private Role role(long roleId) {
		return this.roles.findById(roleId)
			.orElseThrow(() -> new InvalidRequestException("Role " + roleId + " does not exist"));
	}

	/**
	 * Administrators that keep the organisation manageable: active, not System.
	 */
	private static boolean isCountedAdministrator(User user) {
		return user.administrator() && user.active() && !user.isSystem();
	}

	/**
	 * Locks a user's row until the transaction ends, so that a rule over the user's other
	 * rows (such as 24 hours of time a day) is decided one write at a time.
	 * @param userId the user
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lockUser(long userId) {
		this.users.lock(userId);
	}

	/**
	 * Locks the administrators, then the user to change, always in this order so that
	 * concurrent changes wait for each other instead of deadlocking: the rule "one active
	 * administrator remains" is then decided on rows nobody else can change meanwhile.
	 * @return how many active administrators (other than System) there are
	 */
	private int lockForChange(long userId) {
		int administrators = this.users.lockAndCountAdministrators();
		this.users.lock(userId);
		return administrators;
	}

	private static void requireAnotherAdministrator(int administrators) {
		if (administrators <= 1) {
			throw new InvalidRequestException(
					"Gatehouse needs at least one active administrator besides System; appoint another first");
		}
	}

	private static void checkKindAndAdministrator(User user) {
		if (user.isRequester() && user.administrator()) {
			throw new InvalidRequestException("A Requester cannot be an administrator");
		}
	}

	private String checkLogin(String login, long exceptId) {
		if (!LOGIN.matcher(login).matches()) {
			throw new InvalidRequestException("Login must be 1 to 100 characters: letters, digits and . _ @ + - only");
		}
		if (this.users.loginTaken(login, exceptId)) {
			throw new ConflictException("Login '" + login + "' is already taken");
		}
		return login;
	}

	private String hash(String password) {
		if (password == null) {
			return null;
		}
		int bytes = password.getBytes(StandardCharsets.UTF_8).length;
		if (password.length() < MIN_PASSWORD || bytes > MAX_PASSWORD_BYTES) {
			throw new InvalidRequestException("Password must be at least " + MIN_PASSWORD + " characters and at most "
					+ MAX_PASSWORD_BYTES + " bytes");
		}
		return this.passwordEncoder.encode(password);
	}

	private static String name(String field, String value) {
		return Objects.requireNonNullElse(TextRules.optionalSingleLine(field, value, MAX_NAME), "");
	}

	private static String email(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = TextRules.optionalSingleLine("Email", value, 255);
		if (!EMAIL.matcher(trimmed).matches()) {
			throw new InvalidRequestException("Email must be an address such as name@example.com");
		}
		return trimmed;
	}

	private static String locale(String value) {
		if (value.length() > MAX_LOCALE || !LOCALE.matcher(value).matches()) {
			throw new InvalidRequestException("Locale must be a language tag such as en or fr-CA");
		}
		return value;
	}

	private Instant now() {
		return this.clock.instant();
	}

}
