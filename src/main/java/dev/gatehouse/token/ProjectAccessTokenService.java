package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Permission;
import dev.gatehouse.project.Project;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Project access tokens (SPEC §5): created and revoked by the project's administrators
 * (and administrators), each with a required expiration date under the token policy,
 * shown once, stored as a hash. Checking one reads the database every time: they serve
 * uploads, which write to it anyway, and a revoked token is refused on every node at
 * once.
 */
@Service
public class ProjectAccessTokenService {

	private final JdbcProjectAccessTokenRepository tokens;

	private final ProjectService projects;

	private final SettingsService settings;

	private final TokenFormat format;

	private final AuditLog audit;

	private final Clock clock;

	private final LiveTokenHashes liveHashes;

	private final RotationPolicy rotation;

	private final ApplicationEventPublisher events;

	ProjectAccessTokenService(JdbcProjectAccessTokenRepository tokens, ProjectService projects,
			SettingsService settings, TokenFormat format, AuditLog audit, Clock clock, LiveTokenHashes liveHashes,
			RotationPolicy rotation, ApplicationEventPublisher events) {
		this.tokens = tokens;
		this.rotation = rotation;
		this.events = events;
		this.liveHashes = liveHashes;
		this.projects = projects;
		this.settings = settings;
		this.format = format;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The project whose tokens the caller manages.
	 * @param caller who asks
	 * @param keyOrId the project's key or id
	 * @return the project
	 * @throws NotFoundException if the caller may not see it
	 * @throws AccessRefusedException if the caller sees it but does not administer it
	 */
	public Project administeredProject(Caller caller, String keyOrId) {
		return this.projects.administered(caller, keyOrId, "manage its access tokens");
	}

	/**
	 * Whether the caller administers the project, for pages that offer the link.
	 */
	public boolean administers(Caller caller, Project project) {
		return this.projects.permissionsIn(caller, project).contains(Permission.ADMINISTER_PROJECT);
	}

	/**
	 * Creates a token for a project.
	 * @param caller a project administrator
	 * @param keyOrId the project
	 * @param name what to call it (required, at most 100 characters)
	 * @param expirationDate its last day, UTC (required, within the policy's maximum)
	 * @return the token with its value, to be shown this once
	 */
	@Transactional
	public IssuedProjectToken create(Caller caller, String keyOrId, String name, LocalDate expirationDate) {
		Project project = administeredProject(caller, keyOrId);
		caller.requireInteractive("create a project access token");
		String checkedName = TextRules.singleLine("Name", name, PersonalAccessTokenService.MAX_NAME);
		if (expirationDate == null) {
			throw new InvalidRequestException("ExpirationDate is required for a project access token");
		}
		LocalDate expiration = this.settings.current().tokenExpiration(expirationDate, today());
		String value = this.format.generate(TokenKind.PROJECT);
		String hash = TokenHashes.sha256(value);
		long id = this.tokens.insert(project.id(), checkedName, hash, this.clock.instant(), expiration);
		this.liveHashes.issued(hash);
		ProjectAccessToken token = this.tokens.findById(project.id(), id).orElseThrow();
		this.audit.record(AuditAction.PROJECT_TOKEN_CREATED, caller, null, null, token.label());
		return new IssuedProjectToken(token, value);
	}

	/**
	 * Gives a project token a new value, for a project administrator in person (the
	 * token's lifetime starts again). The old value keeps working for the overlap or
	 * until the new one is first used.
	 * @param caller a project administrator
	 * @param keyOrId the project
	 * @param id the token
	 * @param overlapMinutes how long the old value keeps working, or {@code null} for the
	 * default
	 * @return the token with its new value, shown this once
	 */
	@Transactional
	public IssuedProjectToken rotate(Caller caller, String keyOrId, long id, Integer overlapMinutes) {
		ProjectAccessToken token = get(caller, keyOrId, id);
		caller.requireInteractive("rotate a project access token");
		IssuedProjectToken issued = rotate(token, overlapMinutes, true);
		this.audit.record(AuditAction.PROJECT_TOKEN_ROTATED, caller, null, null, issued.token().label());
		return issued;
	}

	/**
	 * Gives a project token a new value at its own request, so that a CI job renews the
	 * credential it uploads with. It keeps its expiration date: no token renews itself
	 * for ever.
	 * @param presented the token the request came with
	 * @param keyOrId the project in the path
	 * @param id the token in the path: it must be the presented one
	 * @param overlapMinutes how long the old value keeps working, or {@code null}
	 * @return the token with its new value, shown this once
	 */
	@Transactional
	public IssuedProjectToken rotateItself(ProjectAccessToken presented, String keyOrId, long id,
			Integer overlapMinutes) {
		if (presented.id() != id || !(presented.projectKey().equalsIgnoreCase(keyOrId)
				|| Long.toString(presented.projectId()).equals(keyOrId))) {
			throw new AccessRefusedException("A project access token may rotate itself only");
		}
		IssuedProjectToken issued = rotate(presented, overlapMinutes, false);
		this.audit.recordTechnical(AuditAction.PROJECT_TOKEN_ROTATED, presented.label(),
				issued.token().label() + " (rotated by itself)");
		return issued;
	}

	private IssuedProjectToken rotate(ProjectAccessToken token, Integer overlapMinutes, boolean renew) {
		Duration overlap = this.rotation.overlap(overlapMinutes);
		if (!this.tokens.lock(token.id())) {
			throw NotFoundException.of("AccessToken", token.id());
		}
		ProjectAccessToken locked = this.tokens.findById(token.projectId(), token.id())
			.orElseThrow(() -> NotFoundException.of("AccessToken", token.id()));
		LocalDate today = today();
		if (locked.expiredOn(today)) {
			throw new ConflictException("The access token has expired; create a new one instead of rotating it");
		}
		Instant now = this.clock.instant();
		long lifetime = this.tokens.lifetimeDays(locked.id())
			.map(Integer::longValue)
			.orElse(RotationPolicy.lifetimeOf(locked.createDate(), locked.expirationDate()));
		LocalDate expiration = this.rotation.expiration(locked.expirationDate(), lifetime, renew,
				this.settings.current(), today);
		String value = this.format.generate(TokenKind.PROJECT);
		String hash = TokenHashes.sha256(value);
		this.tokens.replaceValue(locked.id(), hash, now, now.plus(overlap), expiration);
		if (renew) {
			this.tokens.recordLifetime(locked.id(), (int) lifetime);
		}
		this.liveHashes.issued(hash);
		return new IssuedProjectToken(this.tokens.findById(locked.projectId(), locked.id()).orElseThrow(), value);
	}

	/**
	 * Revokes the project token a value reported as leaked belongs to, if it is live; the
	 * administrators are told.
	 * @param value a value reported, already recognised as a project token
	 * @param address where the report came from
	 * @return whether a token was revoked
	 */
	@Transactional
	boolean revokeLeaked(String value, String address) {
		String hash = TokenHashes.sha256(value);
		if (!this.liveHashes.mayExist(hash)) {
			return false;
		}
		Optional<PresentedValue<ProjectAccessToken>> found = this.tokens.findByValueHash(hash);
		if (found.isEmpty() || this.tokens.delete(found.get().token().id()) == 0) {
			return false;
		}
		ProjectAccessToken token = found.get().token();
		this.audit.recordTechnical(AuditAction.TOKEN_LEAK_REPORTED, "leak report", null, null,
				token.label() + ": revoked");
		this.events.publishEvent(new AccessTokenRevoked(null, token.projectId(), token.label(),
				AccessTokenRevoked.Reason.LEAK_REPORTED, this.clock.instant(), address, null));
		return true;
	}

	/**
	 * Which project token a value is, for an administrator.
	 * @param caller an administrator
	 * @param value the value
	 * @return the token, or empty
	 */
	public Optional<PresentedValue<ProjectAccessToken>> lookUp(Caller caller, String value) {
		caller.requireAdministrator("look up which token a value is");
		String hash = TokenHashes.sha256(value);
		return this.liveHashes.mayExist(hash) ? this.tokens.findByValueHash(hash) : Optional.empty();
	}

	/**
	 * The project tokens whose last day is one of these, for the expiry digest.
	 * @param days the days
	 * @return the tokens, soonest first
	 */
	public List<ProjectAccessToken> expiringOn(Collection<LocalDate> days) {
		return days.isEmpty() ? List.of() : this.tokens.findExpiringOn(days);
	}

	/**
	 * A page of the project's tokens for the API; expired ones only if asked for.
	 */
	public CollectionPage<ProjectAccessToken> list(Caller caller, String keyOrId, boolean showExpired,
			CollectionParameters parameters) {
		Project project = administeredProject(caller, keyOrId);
		return this.tokens.find(project.id(), showExpired, today(), parameters);
	}

	/**
	 * A page of the administration table. A page past the end shows the last page.
	 */
	public ProjectTokenTable.Page table(Caller caller, String keyOrId, ProjectTokenTable.Request request) {
		Project project = administeredProject(caller, keyOrId);
		LocalDate today = today();
		long total = this.tokens.count(project.id(), request, today);
		ProjectTokenTable.Request shown = request;
		int lastPage = (int) Math.max(1, (total + request.size() - 1) / request.size());
		if (request.page() > lastPage) {
			shown = request.onPage(lastPage);
		}
		return new ProjectTokenTable.Page(shown, this.tokens.page(project.id(), shown, today), total);
	}

	public ProjectAccessToken get(Caller caller, String keyOrId, long id) {
		Project project = administeredProject(caller, keyOrId);
		return this.tokens.findById(project.id(), id).orElseThrow(() -> NotFoundException.of("AccessToken", id));
	}

	/**
	 * Revokes a token: the next request with it is refused, on every node.
	 * @return the token that was deleted
	 */
	@Transactional
	public ProjectAccessToken delete(Caller caller, String keyOrId, long id) {
		ProjectAccessToken token = get(caller, keyOrId, id);
		this.tokens.delete(token.id());
		this.audit.record(AuditAction.PROJECT_TOKEN_DELETED, caller, null, null, token.label());
		return token;
	}

	/**
	 * Checks a presented project token; a valid one has its last login recorded. An
	 * unknown one costs no lookup.
	 * @param value the whole value, already recognised as a project token
	 * @param use where the request comes from
	 * @return the outcome
	 */
	TokenCheck check(String value, TokenUse use) {
		String hash = TokenHashes.sha256(value);
		if (!this.liveHashes.mayExist(hash)) {
			return refused("unknown project token", null);
		}
		Optional<PresentedValue<ProjectAccessToken>> found = this.tokens.findByValueHash(hash);
		if (found.isEmpty()) {
			this.liveHashes.absent(hash);
			return refused("unknown or revoked project token", "…" + value.substring(value.length() - 4));
		}
		ProjectAccessToken token = found.get().token();
		if (found.get().retiredAt(use.date())) {
			// Whoever holds a value replaced by a rotation is not the job that rotated
			// it.
			if (this.tokens.delete(token.id()) > 0) {
				this.audit.refused(AuditAction.TOKEN_REUSE_DETECTED,
						"replaced value presented again: project token revoked", use.address(), null, null,
						token.label());
				this.events.publishEvent(new AccessTokenRevoked(null, token.projectId(), token.label(),
						AccessTokenRevoked.Reason.REUSE_DETECTED, use.date(), use.address(), use.client()));
			}
			return refused("replaced value reused: token revoked", token.label());
		}
		if (token.expiredOn(today())) {
			return refused("expired", token.label());
		}
		if (!found.get().replaced() && token.overlapOpenAt(use.date())) {
			this.tokens.retireReplacedValues(token.id(), hash, use.date());
		}
		this.tokens.recordLogin(token.id(), use.date());
		return new TokenCheck.ProjectTokenAccepted(token, found.get().replaced());
	}

	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static TokenCheck refused(String reason, String target) {
		return new TokenCheck.Refused(reason, null, null, target);
	}

	/**
	 * A project token just created, with the value that is shown this once.
	 *
	 * @param token the stored token
	 * @param value the value
	 */
	public record IssuedProjectToken(ProjectAccessToken token, String value) {

		@Override
		public String toString() {
			return "IssuedProjectToken[" + this.token.label() + "]";
		}

	}

}
