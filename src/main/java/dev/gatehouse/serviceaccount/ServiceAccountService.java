package dev.gatehouse.serviceaccount;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.token.PersonalAccessToken;
import dev.gatehouse.token.PersonalAccessTokenService.IssuedToken;
import dev.gatehouse.token.PersonalAccessTokenService;
import dev.gatehouse.token.Scope;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service account (SPEC §6): which administrator it is, through which of their
 * personal access tokens, and whether it still works. Its state is computed from the
 * token and the user as they are now, so a revoked token, a demoted or deactivated
 * account or a narrowed token shows at once.
 */
@Service
public class ServiceAccountService {

	/** The scopes the service account's token must hold (SPEC §6.2). */
	public static final Set<Scope> REQUIRED_SCOPES = Set.of(Scope.PROFILE_READ, Scope.IDENTITY_READ,
			Scope.WORK_ITEMS_READ, Scope.WORK_ITEMS_WRITE);

	/**
	 * The scopes of a token made for the service account: the required ones, and time,
	 * which the server logs as the service account when it stops timers (issue 17).
	 */
	static final Set<Scope> NEW_TOKEN_SCOPES = Set.of(Scope.PROFILE_READ, Scope.IDENTITY_READ, Scope.WORK_ITEMS_READ,
			Scope.WORK_ITEMS_WRITE, Scope.TIME_READ, Scope.TIME_WRITE);

	/** From how many days before its token expires the account is "expiring". */
	static final int WARNING_DAYS = 30;

	/** The longest the token may live: one year. */
	static final int MAX_DAYS = 365;

	private final JdbcServiceAccountRepository account;

	private final PersonalAccessTokenService tokens;

	private final UserDirectory directory;

	private final UserService users;

	private final SettingsService settings;

	private final AuditLog audit;

	private final Clock clock;

	ServiceAccountService(JdbcServiceAccountRepository account, PersonalAccessTokenService tokens,
			UserDirectory directory, UserService users, SettingsService settings, AuditLog audit, Clock clock) {
		this.account = account;
		this.tokens = tokens;
		this.directory = directory;
		this.users = users;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The state as of now.
	 * @return the status
	 */
	public ServiceAccountStatus status() {
		Optional<JdbcServiceAccountRepository.Binding> binding = this.account.find();
		if (binding.isEmpty()) {
			return ServiceAccountStatus.notConfigured();
		}
		long userId = binding.get().userId();
		long tokenId = binding.get().tokenId();
		Optional<UserAccess> user = this.directory.find(userId);
		String login = user.map((access) -> access.user().login()).orElse(null);
		// The account first: a deleted or demoted account is the cause, even though its
		// tokens then read as revoked too.
		if (user.isEmpty() || !user.get().user().active() || !user.get().user().administrator()
				|| !user.get().mayUseAccessTokens()) {
			return status(ServiceAccountState.NOT_ADMINISTRATOR, null, userId, login, tokenId);
		}
		Optional<PersonalAccessToken> token = this.tokens.findStored(tokenId);
		LocalDate today = today();
		if (token.isEmpty() || token.get().expiredOn(today)) {
			return status(ServiceAccountState.EXPIRED_OR_REVOKED, null, userId, login, tokenId);
		}
		Long daysLeft = (token.get().expirationDate() != null)
				? ChronoUnit.DAYS.between(today, token.get().expirationDate()) : null;
		if (!token.get().scopes().containsAll(REQUIRED_SCOPES)) {
			return status(ServiceAccountState.MISSING_SCOPES, daysLeft, userId, login, tokenId);
		}
		if (daysLeft != null && daysLeft <= WARNING_DAYS) {
			return new ServiceAccountStatus(
					ServiceAccountState.EXPIRING, "The service account's access token expires in " + daysLeft + " day"
							+ ((daysLeft == 1) ? "" : "s") + ". Set the service account again to renew it.",
					daysLeft, userId, login, tokenId);
		}
		return status(ServiceAccountState.HEALTHY, daysLeft, userId, login, tokenId);
	}

	/**
	 * The service account as the server acts as it, for work nobody asked for at that
	 * moment (stopping timers): only while it works and its token holds the scope, and
	 * with no more than its token's rights: a program, administering nothing.
	 * @param scope what the work needs
	 * @return the caller, or why it cannot act
	 */
	public Acting actAs(Scope scope) {
		ServiceAccountStatus status = status();
		if (!status.state().working()) {
			return new Acting(null, status.message());
		}
		boolean holds = this.tokens.findStored(status.tokenId())
			.map((token) -> token.scopes().contains(scope))
			.orElse(false);
		if (!holds) {
			return new Acting(null, "The service account's access token lacks " + scope.apiName()
					+ ". Set the service account again: a token made by \"Set myself as service account\" has it.");
		}
		return new Acting(
				new Caller(status.userId(), status.login(), UserKind.User, true, false, false, status.tokenId()),
				status.message());
	}

	/**
	 * The service account acting, or why not.
	 *
	 * @param caller the account as a caller, or {@code null} when it cannot act
	 * @param message its state, or why it cannot act and what to do
	 */
	public record Acting(Caller caller, String message) {

		public boolean acting() {
			return this.caller != null;
		}

	}

	/**
	 * The caller's tokens that could serve as the service account's.
	 */
	public List<PersonalAccessToken> eligibleTokens(Caller caller) {
		caller.requireAdministrator("configure the service account");
		LocalDate today = today();
		return this.tokens.ownTokens(caller).stream().filter((token) -> eligibility(token, today) == null).toList();
	}

	/**
	 * "Set myself as service account" with one of the caller's tokens.
	 * @param caller an active administrator
	 * @param tokenId one of the caller's tokens
	 * @return the new status
	 */
	@Transactional
	public ServiceAccountStatus setMyself(Caller caller, long tokenId) {
		caller.requireAdministrator("configure the service account");
		PersonalAccessToken token;
		try {
			token = this.tokens.get(caller, tokenId);
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException("AccessToken " + tokenId + " was not found");
		}
		if (token.userId() != caller.userId()) {
			throw new AccessRefusedException("The service account is bound to one of your own access tokens");
		}
		String problem = eligibility(token, today());
		if (problem != null) {
			throw new InvalidRequestException(problem);
		}
		return bind(token, caller.userId(), caller);
	}

	/**
	 * "Set myself as service account" with a new token made for it.
	 * @param caller an active administrator
	 * @return the new status
	 */
	@Transactional
	public ServiceAccountStatus setMyselfWithNewToken(Caller caller) {
		caller.requireAdministrator("configure the service account");
		IssuedToken issued = this.tokens.create(caller, "Service account", NEW_TOKEN_SCOPES, newTokenExpiration());
		return bind(issued.token(), caller.userId(), caller);
	}

	/**
	 * Sets a named administrator as service account, from the command line of the server:
	 * a new token is made for them.
	 * @param login the administrator's login
	 * @return the new status
	 */
	@Transactional
	public ServiceAccountStatus setFromCommandLine(String login) {
		User user = this.users.findByLogin(login)
			.orElseThrow(() -> new InvalidRequestException("No user '" + login + "'"));
		if (!user.active() || !user.administrator() || user.isSystem()) {
			throw new InvalidRequestException("'" + login + "' is not an active administrator");
		}
		// The operator at the server's command line stands for the administrator in
		// person.
		Caller account = Caller.of(user, true);
		IssuedToken issued = this.tokens.create(account, "Service account", NEW_TOKEN_SCOPES, newTokenExpiration());
		this.account.set(issued.token().id(), user.id(), user.id(), this.clock.instant());
		this.audit.recordTechnical(AuditAction.SERVICE_ACCOUNT_CHANGED, "command line",
				"service account set to " + login + " with " + issued.token().label());
		return status();
	}

	/**
	 * "Do not use service account".
	 * @param caller an administrator
	 */
	@Transactional
	public void clear(Caller caller) {
		caller.requireAdministrator("configure the service account");
		if (this.account.clear() > 0) {
			this.audit.record(AuditAction.SERVICE_ACCOUNT_CHANGED, caller, null, null, "service account removed");
		}
	}

	/** Removes the service account, from the command line of the server. */
	@Transactional
	public void clearFromCommandLine() {
		if (this.account.clear() > 0) {
			this.audit.recordTechnical(AuditAction.SERVICE_ACCOUNT_CHANGED, "command line", "service account removed");
		}
	}

	private ServiceAccountStatus bind(PersonalAccessToken token, long userId, Caller caller) {
		this.account.set(token.id(), userId, caller.userId(), this.clock.instant());
		this.audit.record(AuditAction.SERVICE_ACCOUNT_CHANGED, caller, userId, caller.login(),
				"service account set with " + token.label());
		ServiceAccountStatus status = status();
		if (!status.state().working()) {
			// For example: the caller's default role lacks ACCESS_TOKENS.
			throw new InvalidRequestException(status.message());
		}
		return status;
	}

	/**
	 * Why a token cannot be the service account's, or {@code null} if it can.
	 */
	private static String eligibility(PersonalAccessToken token, LocalDate today) {
		if (!token.scopes().containsAll(REQUIRED_SCOPES)) {
			return "The service account's token needs the scopes profile:read, identity:read, work_items:read and"
					+ " work_items:write";
		}
		if (token.expirationDate() == null || token.expiredOn(today)
				|| token.expirationDate().isAfter(today.plusDays(MAX_DAYS))) {
			return "The service account's token must expire within one year, and not be expired";
		}
		return null;
	}

	private LocalDate newTokenExpiration() {
		LocalDate today = today();
		LocalDate policy = today.plusDays(this.settings.current().tokenMaxLifetimeDays());
		LocalDate year = today.plusDays(MAX_DAYS);
		return policy.isBefore(year) ? policy : year;
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static ServiceAccountStatus status(ServiceAccountState state, Long daysLeft, Long userId, String login,
			Long tokenId) {
		return new ServiceAccountStatus(state, state.advice(), daysLeft, userId, login, tokenId);
	}

}
