package dev.gatehouse.token;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.PayloadTooLargeException;
import dev.gatehouse.token.TokenFormat.ParsedToken;
import dev.gatehouse.user.UserService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * What a self-hosted install does with a leaked token (issue 16), as GitHub does for its
 * own: anyone who found token values in a public place (a secret scanner, a person)
 * reports them, and every live one is revoked and its owner told. The answer never says
 * which values were tokens: there is nothing to learn from it, and a live value that is
 * tried is revoked anyway. Administrators may also ask what a value they found is.
 */
@Service
public class LeakResponse {

	/** The most values one report may carry, as GitHub's revocation API allows. */
	static final int MAX_VALUES = 1000;

	/** Longer than any token with an instance prefix: not a token, skipped unread. */
	private static final int MAX_VALUE_LENGTH = 200;

	private final TokenFormat format;

	private final PersonalAccessTokenService personalTokens;

	private final ProjectAccessTokenService projectTokens;

	private final ServiceTokenService serviceTokens;

	private final UserService users;

	private final AuditLog audit;

	private final LeakReportLimit limit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LeakResponse(TokenFormat format, PersonalAccessTokenService personalTokens, ProjectAccessTokenService projectTokens,
			ServiceTokenService serviceTokens, UserService users, AuditLog audit, LeakReportLimit limit,
			ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
		this.format = format;
		this.personalTokens = personalTokens;
		this.projectTokens = projectTokens;
		this.serviceTokens = serviceTokens;
		this.users = users;
		this.audit = audit;
		this.limit = limit;
	}

	/**
	 * Revokes every live token among the values reported.
	 * @param values what was found
	 * @param address who reports it
	 */
	public void report(List<String> values, String address) {
		this.limit.take(address);
		if (values == null || values.isEmpty()) {
			throw new InvalidRequestException("Tokens must list at least one value");
		}
		if (values.size() > MAX_VALUES) {
			throw new PayloadTooLargeException("A report may carry at most " + MAX_VALUES + " values");
		}
		Set<String> distinct = new LinkedHashSet<>();
		for (String value : values) {
			if (value != null && value.length() <= MAX_VALUE_LENGTH) {
				distinct.add(value.strip());
			}
		}
		int revoked = 0;
		for (String value : distinct) {
			if (revoke(value, address)) {
				revoked++;
			}
		}
		this.audit.recordTechnical(AuditAction.TOKEN_LEAK_REPORTED, "leak report",
				values.size() + " values reported, " + revoked + " live tokens revoked");
	}

	/**
	 * What a value is, for an administrator: which token, whose, and its state. Nothing
	 * about any other token.
	 * @param caller an administrator
	 * @param value the value found
	 * @return what it is, or empty if it is no live token
	 */
	public Optional<FoundToken> lookUp(Caller caller, String value) {
		caller.requireAdministrator("look up which token a value is");
		if (value == null || value.length() > MAX_VALUE_LENGTH) {
			return Optional.empty();
		}
		Optional<ParsedToken> parsed = this.format.parse(value.strip());
		if (parsed.isEmpty()) {
			return Optional.empty();
		}
		Optional<FoundToken> found = switch (parsed.get().kind()) {
			case PERSONAL -> this.personalTokens.lookUp(caller, value.strip()).map(FoundToken::personal);
			case PROJECT -> this.projectTokens.lookUp(caller, value.strip()).map(FoundToken::project);
			case SERVICE -> (this.serviceTokens.check(parsed.get()) instanceof TokenCheck.Accepted accepted)
					? Optional.of(FoundToken.service(accepted.owner().user())) : Optional.empty();
		};
		found.ifPresent((token) -> this.audit.record(AuditAction.TOKEN_LOOKED_UP, caller, token.ownerId(),
				token.ownerLogin(), token.label()));
		return found;
	}

	private boolean revoke(String value, String address) {
		Optional<ParsedToken> parsed = this.format.parse(value);
		if (parsed.isEmpty()) {
			return false;
		}
		return switch (parsed.get().kind()) {
			case PERSONAL -> this.personalTokens.revokeLeaked(value, address);
			case PROJECT -> this.projectTokens.revokeLeaked(value, address);
			case SERVICE -> (this.serviceTokens.check(parsed.get()) instanceof TokenCheck.Accepted accepted)
					&& retireServiceTokens(accepted.owner().user(), address);
		};
	}

	private boolean retireServiceTokens(User owner, String address) {
		if (!this.users.retireServiceTokens(owner.id(), "leak report: a service token was reported as leaked")) {
			return false;
		}
		this.events.publishEvent(new AccessTokenRevoked(owner.id(), null, "service token (and your sessions)",
				AccessTokenRevoked.Reason.LEAK_REPORTED, this.clock.instant(), address, null));
		return true;
	}

}
