package dev.gatehouse.authentication;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.gatehouse.token.Scope;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may make an API request at all: an authenticated user who is not a requester (SPEC
 * §2.2); for a personal access token, only within the token's scopes (SPEC §4.5); for a
 * project access token or a trusted CI job, only a snapshot upload (SPEC §5.4). Managing
 * project access tokens and trusted CI identities, like personal tokens, needs every
 * scope. The owner's own rights apply on top, in the services. The table reads top to
 * bottom; the first matching rule decides. A request no rule names needs a token with
 * every scope, so a new endpoint is closed to narrowed tokens until it is listed here.
 * Exchanging a token for another credential (a service token, a new access token) also
 * needs every scope: a narrowed token must not widen itself. Rotation is the exception
 * that proves it: any token may rotate itself (the new value has its scopes and expiry,
 * no more), and a project token may too; the service refuses any other token.
 */
final class ScopeRules implements AuthorizationManager<RequestAuthorizationContext> {

	/** The request attribute set when a project access token asked for anything else. */
	static final String PROJECT_TOKEN_REFUSED = ScopeRules.class.getName() + ".projectToken";

	/** The request attribute naming the scope a refused token lacked. */
	static final String MISSING_SCOPE = ScopeRules.class.getName() + ".missingScope";

	private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final Set<HttpMethod> WRITE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
			HttpMethod.PATCH);

	private final List<Rule> rules;

	private final RequestMatcher snapshotUpload;

	private final RequestMatcher projectTokenRotation;

	ScopeRules(PathPatternRequestMatcher.Builder paths) {
		this.snapshotUpload = paths.matcher(HttpMethod.POST, "/api/v1/Projects/*/Snapshots");
		this.projectTokenRotation = paths.matcher(HttpMethod.POST, "/api/v1/Projects/*/AccessTokens/*/rotate");
		this.rules = List.of(
		// @formatter:off
				anyScope(paths, HttpMethod.POST, "/api/v1/AccessTokens/*/rotate"),
				rule(paths, READ, "/api/v1/Projects/*/AccessTokens/**", null),
				rule(paths, WRITE, "/api/v1/Projects/*/AccessTokens/**", null),
				rule(paths, READ, "/api/v1/Projects/*/TrustedCiIdentities/**", null),
				rule(paths, WRITE, "/api/v1/Projects/*/TrustedCiIdentities/**", null),
				rule(paths, Set.of(HttpMethod.POST), "/api/v1/Projects/*/Snapshots", Scope.WORK_ITEMS_WRITE),
				rule(paths, READ, "/api/v1/Users/LoggedUser", Scope.PROFILE_READ),
				rule(paths, Set.of(HttpMethod.POST), "/api/v1/AccessTokens/lookup", Scope.ADMIN),
				rule(paths, READ, "/api/v1/AccessTokens/**", Scope.PROFILE_READ),
				rule(paths, WRITE, "/api/v1/AccessTokens/**", null),
				rule(paths, READ, "/api/v1/Authentication/**", null),
				rule(paths, READ, "/api/v1/Notices/**", Scope.PROFILE_READ),
				rule(paths, READ, "/api/v1/Users/**", Scope.IDENTITY_READ),
				rule(paths, READ, "/api/v1/Roles/**", Scope.IDENTITY_READ),
				rule(paths, READ, "/api/v1/Projects/**", Scope.WORK_ITEMS_READ),
				rule(paths, READ, "/api/v1/UserStories/**", Scope.WORK_ITEMS_READ),
				rule(paths, WRITE, "/api/v1/UserStories/**", Scope.WORK_ITEMS_WRITE),
				rule(paths, READ, "/api/v1/ServiceAccount/**", Scope.ADMIN),
				rule(paths, WRITE, "/api/v1/ServiceAccount/**", null),
				rule(paths, READ, "/api/v1/Budgets/**", Scope.WORK_ITEMS_READ),
				rule(paths, WRITE, "/api/v1/Budgets/**", Scope.ADMIN),
				rule(paths, READ, "/odata/**", Scope.REPORTING_READ),
				rule(paths, READ, "/api/v1/Reporting/**", Scope.REPORTING_READ),
				rule(paths, READ, "/api/v1/Times/**", Scope.TIME_READ),
				rule(paths, WRITE, "/api/v1/Times/**", Scope.TIME_WRITE),
				rule(paths, READ, "/api/v1/Timers/**", Scope.TIME_READ),
				rule(paths, WRITE, "/api/v1/Timers/**", Scope.TIME_WRITE),
				rule(paths, READ, "/api/v1/Settings/**", Scope.ADMIN),
				rule(paths, WRITE, "/api/v1/Users/**", Scope.ADMIN),
				rule(paths, WRITE, "/api/v1/Roles/**", Scope.ADMIN),
				rule(paths, WRITE, "/api/v1/Projects/**", Scope.ADMIN),
				rule(paths, WRITE, "/api/v1/Settings/**", Scope.ADMIN));
		// @formatter:on
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (authentication.get() instanceof ProjectAccessTokenAuthentication
				|| authentication.get() instanceof CiJobAuthentication) {
			// A project token's only right (SPEC §5.4), and a CI job's; the project is
			// checked on upload. A project token may also rotate itself.
			boolean upload = this.snapshotUpload.matches(context.getRequest())
					|| authentication.get() instanceof ProjectAccessTokenAuthentication projectToken
							&& projectToken.mayRotate() && this.projectTokenRotation.matches(context.getRequest());
			if (!upload) {
				context.getRequest().setAttribute(PROJECT_TOKEN_REFUSED, Boolean.TRUE);
			}
			return new AuthorizationDecision(upload);
		}
		if (!(authentication.get() instanceof CallerAuthentication caller) || caller.caller().isRequester()) {
			return new AuthorizationDecision(false);
		}
		if (caller.hasEveryScope()) {
			return new AuthorizationDecision(true);
		}
		Rule rule = ruleFor(context);
		if (rule != null && rule.anyScope()) {
			return new AuthorizationDecision(true);
		}
		Scope required = (rule != null) ? rule.scope() : null;
		boolean granted = required != null && caller.scopes().contains(required);
		if (!granted) {
			context.getRequest().setAttribute(MISSING_SCOPE, (required != null) ? required.apiName() : "every scope");
		}
		return new AuthorizationDecision(granted);
	}

	private Rule ruleFor(RequestAuthorizationContext context) {
		for (Rule rule : this.rules) {
			if (rule.matcher().matches(context.getRequest())) {
				return rule;
			}
		}
		return null;
	}

	private static Rule anyScope(PathPatternRequestMatcher.Builder paths, HttpMethod method, String path) {
		return new Rule(paths.matcher(method, path), null, true);
	}

	private static Rule rule(PathPatternRequestMatcher.Builder paths, Set<HttpMethod> methods, String path,
			Scope scope) {
		List<RequestMatcher> matchers = methods.stream()
			.map((method) -> (RequestMatcher) paths.matcher(method, path))
			.toList();
		return new Rule((request) -> matchers.stream().anyMatch((matcher) -> matcher.matches(request)), scope, false);
	}

	/**
	 * Requests matching {@code matcher} need {@code scope}; {@code null} means every
	 * scope, unless {@code anyScope} lets any token through to a service that decides.
	 */
	private record Rule(RequestMatcher matcher, Scope scope, boolean anyScope) {
	}

}
