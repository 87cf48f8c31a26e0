package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.CoherentCache;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;
import dev.gatehouse.user.UserDeactivated;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens (SPEC §4): issued by their owner only, shown once, stored as a
 * hash, listed to their owner and to administrators, revoked by either. Checking a
 * presented token costs no database work once it is known: its state is cached per hash
 * and dropped on every node as soon as it is revoked, and its owner's state comes from
 * the {@link UserDirectory}.
 */
@Service
public class PersonalAccessTokenService {

	static final int MAX_NAME = 100;

	private final JdbcPersonalAccessTokenRepository tokens;

	private final TokenFormat format;

	private final UserDirectory users;

	private final SettingsService settings;

	private final TokenUsageRecorder usage;

	private final AuditLog audit;

	private final ChangeNotifications changes;

	private final Clock clock;

	private final CoherentCache<String, PresentedValue<PersonalAccessToken>> byHash;

	private final LiveTokenHashes liveHashes;

	private final UserService userService;

	private final RotationPolicy rotation;

	private final JdbcTokenUsageLogRepository usageLog;

	private final ApplicationEventPublisher events;

	PersonalAccessTokenService(JdbcPersonalAccessTokenRepository tokens, TokenFormat format, UserDirectory users,
			SettingsService settings, TokenUsageRecorder usage, AuditLog audit, ChangeNotifications changes,
			Clock clock, LiveTokenHashes liveHashes, UserService userService, RotationPolicy rotation,
			ApplicationEventPublisher events, JdbcTokenUsageLogRepository usageLog) {
		this.tokens = tokens;
		this.usageLog = usageLog;
		this.events = events;
		this.rotation = rotation;
		this.liveHashes = liveHashes;
		this.userService = userService;
		this.format = format;
		this.users = users;
		this.settings = settings;
		this.usage = usage;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
		this.byHash = CoherentCache.on(changes, Topic.TOKEN, 100_000, Duration.ofMinutes(1),
				(presented) -> presented.token().id());
	}

	/**
	 * Issues a token to the caller. Nobody issues tokens for someone else.
	 * @param caller who asks, and who will own the token
	 * @param name what to call it
	 * @param scopes what it may be used for; {@code null} means every scope
	 * @param expirationDate its last day (UTC), or {@code null} for the policy's default
	 * @return the token with its value, to be shown this once
	 */
	@Transactional
	public IssuedToken create(Caller caller, String name, Set<Scope> scopes, LocalDate expirationDate) {
		caller.requireInteractive("create a personal access token");
		// Decided on the owner's locked row, read afresh: a deactivation under way ends
		// first, so its revocation cannot miss a token made meanwhile.
		this.userService.lockUser(caller.userId());
		if (this.userService.findById(caller.userId()).filter(User::active).isEmpty()) {
			throw new AccessRefusedException("Your account is deactivated");
		}
		UserAccess owner = this.users.find(caller.userId())
			.orElseThrow(() -> new AccessRefusedException("Your account no longer exists"));
		if (owner.user().isRequester()) {
			throw new AccessRefusedException("Requester accounts have no API access");
		}
		if (!owner.mayUseAccessTokens()) {
			throw new AccessRefusedException("Your default role does not allow creating and using access tokens");
		}
		String checkedName = TextRules.singleLine("Name", name, MAX_NAME);
		if (scopes != null && scopes.isEmpty()) {
			throw new InvalidRequestException("Scopes must name at least one scope, or be left out for all of them");
		}
		Set<Scope> granted = (scopes != null) ? EnumSet.copyOf(scopes) : Scope.all();
		LocalDate expiration = this.settings.current().tokenExpiration(expirationDate, today());
		String value = this.format.generate(TokenKind.PERSONAL);
		String hash = TokenHashes.sha256(value);
		long id = this.tokens.insert(caller.userId(), checkedName, hash, value.substring(value.length() - 4),
				Scope.format(granted), this.clock.instant(), expiration);
		this.liveHashes.issued(hash);
		PersonalAccessToken token = this.tokens.findById(id).orElseThrow();
		this.audit.record(AuditAction.TOKEN_CREATED, caller, caller.userId(), caller.login(), token.label());
		return new IssuedToken(token, value);
	}

	/**
	 * Issues a token to an app the owner paired (issue 17): the owner approved it in
	 * person, on the pairing page, minutes ago; the app collects it now. Everything
	 * {@link #create} checks is checked again as the owner is now, so an owner
	 * deactivated or without {@code ACCESS_TOKENS} since the approval gets no token.
	 * @param ownerId who approved
	 * @param name what to call it
	 * @param scopes what the owner approved
	 * @return the token with its value, handed to the app this once
	 */
	@Transactional
	public IssuedToken issueToPairedApp(long ownerId, String name, Set<Scope> scopes) {
		User owner = this.userService.findById(ownerId)
			.orElseThrow(() -> new AccessRefusedException("The account that approved the app no longer exists"));
		// The longest the policy allows, also when it requires a date: nobody was asked.
		return create(Caller.of(owner, true), name, scopes,
				today().plusDays(this.settings.current().tokenMaxLifetimeDays()));
	}

	/**
	 * Gives one of the caller's tokens a new value with the same name and scopes (issue
	 * 16). The old value keeps working for the overlap, or until the new one is first
	 * used; presented after that, it revokes the token. The owner may rotate any of their
	 * tokens in person (the token's lifetime starts again); a token may rotate itself
	 * (keeping its expiration date, so it never outlives itself), and no other.
	 * @param caller the owner, in person or through this very token
	 * @param id the token
	 * @param overlapMinutes how long the old value keeps working, or {@code null} for the
	 * default
	 * @return the token with its new value, shown this once
	 */
	@Transactional
	public IssuedToken rotate(Caller caller, long id, Integer overlapMinutes) {
		PersonalAccessToken token = this.tokens.findById(id)
			.filter((found) -> found.userId() == caller.userId())
			.orElseThrow(() -> NotFoundException.of("AccessToken", id));
		boolean self = caller.cameWithAccessToken(id);
		if (!self) {
			caller.requireInteractive("rotate another access token than the one you send");
		}
		UserAccess owner = this.users.find(caller.userId())
			.filter((access) -> access.user().active())
			.orElseThrow(() -> new AccessRefusedException("Your account is deactivated"));
		if (owner.user().isRequester() || !owner.mayUseAccessTokens()) {
			throw new AccessRefusedException("Your default role does not allow creating and using access tokens");
		}
		Duration overlap = this.rotation.overlap(overlapMinutes);
		if (!this.tokens.lock(id)) {
			throw NotFoundException.of("AccessToken", id);
		}
		token = this.tokens.findById(id).orElseThrow(() -> NotFoundException.of("AccessToken", id));
		LocalDate today = today();
		if (token.expiredOn(today)) {
			throw new ConflictException("The access token has expired; create a new one instead of rotating it");
		}
		Instant now = this.clock.instant();
		long lifetime = this.tokens.lifetimeDays(id)
			.map(Integer::longValue)
			.orElse(RotationPolicy.lifetimeOf(token.createDate(), token.expirationDate()));
		LocalDate expiration = this.rotation.expiration(token.expirationDate(), lifetime, !self,
				this.settings.current(), today);
		String value = this.format.generate(TokenKind.PERSONAL);
		String hash = TokenHashes.sha256(value);
		this.tokens.replaceValue(id, hash, value.substring(value.length() - 4), now, now.plus(overlap), expiration);
		if (!self) {
			this.tokens.recordLifetime(id, (int) lifetime);
		}
		this.liveHashes.issued(hash);
		this.changes.publish(Topic.TOKEN, id);
		PersonalAccessToken rotated = this.tokens.findById(id).orElseThrow();
		this.audit.record(AuditAction.TOKEN_ROTATED, caller, token.userId(), token.userLogin(),
				rotated.label() + " replaces …" + token.lastFour() + ", which works until " + now.plus(overlap)
						+ (self ? " (rotated by itself)" : ""));
		return new IssuedToken(rotated, value);
	}

	/**
	 * The caller's own tokens.
	 */
	public CollectionPage<PersonalAccessToken> listOwn(Caller caller, CollectionParameters parameters) {
		return find(caller.userId(), parameters);
	}

	/**
	 * All of the caller's own tokens, as stored.
	 */
	public List<PersonalAccessToken> ownTokens(Caller caller) {
		return listOwn(caller,
				new CollectionParameters(CollectionParameters.MAX_TAKE, 0, null, List.of(), List.of("CreateDate")))
			.items();
	}

	/**
	 * Every user's tokens (SPEC §4.4), for administrators.
	 */
	public CollectionPage<PersonalAccessToken> listAll(Caller caller, CollectionParameters parameters) {
		caller.requireAdministrator("see every user's access tokens");
		return find(null, parameters);
	}

	/**
	 * One token, for its owner or an administrator; anyone else is told it does not
	 * exist.
	 */
	public PersonalAccessToken get(Caller caller, long id) {
		return this.tokens.findById(id)
			.filter(visibleTo(caller))
			.map(this.usage::withPendingUse)
			.orElseThrow(() -> NotFoundException.of("AccessToken", id));
	}

	/**
	 * A page of a token's usage log, for its owner or an administrator.
	 * @param caller who asks
	 * @param id the token
	 * @param parameters filter, order and page
	 * @return the page, newest first by default
	 */
	public CollectionPage<TokenUseEntry> uses(Caller caller, long id, CollectionParameters parameters) {
		get(caller, id);
		return this.usageLog.find(id, parameters);
	}

	/**
	 * The tokens of active owners whose last day is one of these, for the expiry digest;
	 * never for answering a caller.
	 * @param days the days
	 * @return the tokens, soonest first
	 */
	public List<PersonalAccessToken> expiringOn(Collection<LocalDate> days) {
		return days.isEmpty() ? List.of() : this.tokens.findExpiringOn(days);
	}

	/**
	 * A token as stored, for checks made by the server itself (the service account);
	 * never for answering a caller.
	 * @param id the token
	 * @return the token, or empty if it was revoked
	 */
	public Optional<PersonalAccessToken> findStored(long id) {
		return this.tokens.findById(id);
	}

	/**
	 * Revokes a token; from the next request on, on every node, it no longer
	 * authenticates.
	 */
	@Transactional
	public void delete(Caller caller, long id) {
		PersonalAccessToken token = get(caller, id);
		this.tokens.delete(id);
		this.usage.forget(id);
		this.changes.publish(Topic.TOKEN, id);
		this.audit.record(AuditAction.TOKEN_DELETED, caller, token.userId(), token.userLogin(), token.label());
	}

	/**
	 * Revokes the token a value reported as leaked belongs to, if it is live, and tells
	 * its owner (issue 16). A value replaced by a rotation revokes its token too: it may
	 * be the one still in its overlap.
	 * @param value a value reported, already recognised as a personal token
	 * @param address where the report came from
	 * @return whether a token was revoked
	 */
	@Transactional
	boolean revokeLeaked(String value, String address) {
		Optional<PresentedValue<PersonalAccessToken>> found = this.tokens.findByValueHash(TokenHashes.sha256(value));
		if (found.isEmpty() || this.tokens.delete(found.get().token().id()) == 0) {
			return false;
		}
		PersonalAccessToken token = found.get().token();
		this.usage.forget(token.id());
		this.changes.publish(Topic.TOKEN, token.id());
		this.audit.recordTechnical(AuditAction.TOKEN_LEAK_REPORTED, "leak report", token.userId(), token.userLogin(),
				token.label() + (found.get().replaced() ? " (a value replaced by a rotation)" : "") + ": revoked");
		this.events.publishEvent(new AccessTokenRevoked(token.userId(), null, token.label(),
				AccessTokenRevoked.Reason.LEAK_REPORTED, this.clock.instant(), address, null));
		return true;
	}

	/**
	 * Which token a value is, for an administrator who found it somewhere; nothing about
	 * any other token.
	 * @param caller an administrator
	 * @param value the value
	 * @return the token and whether the value is one replaced by a rotation, or empty
	 */
	public Optional<PresentedValue<PersonalAccessToken>> lookUp(Caller caller, String value) {
		caller.requireAdministrator("look up which token a value is");
		String hash = TokenHashes.sha256(value);
		if (!this.liveHashes.mayExist(hash)) {
			return Optional.empty();
		}
		return this.tokens.findByValueHash(hash)
			.map((found) -> new PresentedValue<>(this.usage.withPendingUse(found.token()), found.retireDate()));
	}

	/**
	 * Revokes every token of a user (administrators).
	 * @return how many were revoked
	 */
	@Transactional
	public int deleteAllOfUser(Caller caller, long userId) {
		caller.requireAdministrator("delete another user's access tokens");
		User user = this.users.find(userId)
			.map(UserAccess::user)
			.orElseThrow(() -> NotFoundException.of("User", userId));
		int deleted = revokeAll(userId);
		this.audit.record(AuditAction.TOKEN_DELETED, caller, user.id(), user.login(),
				"all " + deleted + " access tokens");
		return deleted;
	}

	/**
	 * Revokes every token of a user being deactivated, in the same transaction: tokens
	 * that may have leaked never come back with a reactivation.
	 * @param deactivated the deactivation
	 */
	@EventListener
	void ownerDeactivated(UserDeactivated deactivated) {
		int revoked = revokeAll(deactivated.userId());
		if (revoked > 0) {
			this.audit.record(AuditAction.TOKEN_DELETED, deactivated.by(), deactivated.userId(), deactivated.login(),
					"all " + revoked + " access tokens: account deactivated");
		}
	}

	private int revokeAll(long userId) {
		// On the owner's locked row, as creation is: no token made meanwhile is deleted
		// unannounced.
		this.userService.lockUser(userId);
		var ids = this.tokens.idsOfUser(userId);
		int deleted = this.tokens.deleteAllOfUser(userId);
		for (Long id : ids) {
			this.usage.forget(id);
			this.changes.publish(Topic.TOKEN, id);
		}
		return deleted;
	}

	/**
	 * Checks a presented personal access token, already recognised by its format and
	 * checksum: whether it exists (from memory, so unknown tokens cost no lookup), then
	 * its stored state, expiry, and its owner (active, allowed to use tokens). The
	 * {@link TokenVerifier} audits a refusal.
	 * @param value the whole value presented, already recognised as a personal token
	 * @param use where the request comes from
	 * @return the outcome
	 */
	TokenCheck check(String value, TokenUse use) {
		String hash = TokenHashes.sha256(value);
		if (!this.liveHashes.mayExist(hash)) {
			// Counted per address, not per value: a flood of invented tokens is one
			// burst.
			return refused("unknown token", null, null);
		}
		Optional<PresentedValue<PersonalAccessToken>> found = this.byHash.get(hash, this.tokens::findByValueHash);
		if (found.isEmpty()) {
			this.liveHashes.absent(hash);
			return refused("unknown or revoked token", null, "…" + lastFour(value));
		}
		PersonalAccessToken token = found.get().token();
		if (found.get().retiredAt(use.date())) {
			if (use.date().isBefore(found.get().retireDate().plus(RotationPolicy.REUSE_GRACE))) {
				// Requests sent just before the new value was first used may still
				// arrive.
				return refused("replaced value, stopped working moments ago", token, token.label());
			}
			reused(token, value, use);
			return refused("replaced value reused: token revoked", token, token.label());
		}
		if (token.expiredOn(today())) {
			return refused("expired", token, token.label());
		}
		Optional<UserAccess> owner = this.users.find(token.userId());
		if (owner.isEmpty() || !owner.get().user().active()) {
			return refused("owner inactive or deleted", token, token.label());
		}
		if (!owner.get().mayUseAccessTokens()) {
			return refused("owner's default role lacks ACCESS_TOKENS", token, token.label());
		}
		if (!found.get().replaced() && token.overlapOpenAt(use.date())) {
			newValueFirstUsed(token, hash, use);
		}
		this.usage.record(token.id(), use);
		return new TokenCheck.Accepted(token, owner.get(), found.get().replaced());
	}

	/**
	 * The new value of a rotated token is in use: the old ones stop working now, on every
	 * node. One write per rotation, not per request: once the overlap is closed, the
	 * cached token says so.
	 */
	private void newValueFirstUsed(PersonalAccessToken token, String hash, TokenUse use) {
		if (this.tokens.retireReplacedValues(token.id(), hash, use.date()) > 0) {
			this.changes.publish(Topic.TOKEN, token.id());
			this.audit.recordTechnical(AuditAction.TOKEN_ROTATED, token.label(),
					"new value first used from " + use.address() + ": the replaced values stopped working");
		}
		else {
			// Closed meanwhile by another request or node: read it again.
			this.byHash.invalidate(token.id());
		}
	}

	/**
	 * A value replaced by a rotation came back after its overlap: whoever holds it is not
	 * the job that rotated, so the token is revoked, every value of it, and its owner
	 * told.
	 */
	private void reused(PersonalAccessToken token, String value, TokenUse use) {
		if (this.tokens.delete(token.id()) > 0) {
			this.usage.forget(token.id());
			this.changes.publish(Topic.TOKEN, token.id());
			this.audit.refused(AuditAction.TOKEN_REUSE_DETECTED,
					"value …" + lastFour(value) + " replaced by a rotation presented again: token revoked",
					use.address(), token.userId(), token.userLogin(), token.label());
			this.events.publishEvent(new AccessTokenRevoked(token.userId(), null, token.label(),
					AccessTokenRevoked.Reason.REUSE_DETECTED, use.date(), use.address(), use.client()));
		}
	}

	private static TokenCheck refused(String reason, PersonalAccessToken token, String target) {
		return new TokenCheck.Refused(reason, (token != null) ? token.userId() : null,
				(token != null) ? token.userLogin() : null, target);
	}

	private CollectionPage<PersonalAccessToken> find(Long ownerId, CollectionParameters parameters) {
		return this.tokens.find(ownerId, parameters).map(this.usage::withPendingUse);
	}

	private static Predicate<PersonalAccessToken> visibleTo(Caller caller) {
		return (token) -> caller.mayAdminister() || token.userId() == caller.userId();
	}

	private static String lastFour(String value) {
		return (value.length() >= 4) ? value.substring(value.length() - 4) : "";
	}

	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * A token just issued, with the value that is shown this once and never again.
	 *
	 * @param token the stored token
	 * @param value the value
	 */
	public record IssuedToken(PersonalAccessToken token, String value) {

		@Override
		public String toString() {
			return "IssuedToken[" + this.token.label() + "]";
		}

	}

}
