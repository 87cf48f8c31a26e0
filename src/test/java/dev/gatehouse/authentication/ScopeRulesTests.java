package dev.gatehouse.authentication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.token.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which API requests a credential may make at all: a session or password any, a personal
 * access token only those its scopes name (administration needs {@code admin}, minting a
 * credential and unlisted routes need every scope), a project access token only a
 * snapshot upload, a requester none. Paths match regardless of case, as in the server.
 */
class ScopeRulesTests {

	private final ScopeRules rules = new ScopeRules(PathPatternRequestMatcher.withPathPatternParser(parser()));

	@ParameterizedTest(name = "{0} {1} with {2}: {3}")
	@CsvSource({ "GET, /api/v1/Users/LoggedUser, profile:read, true", "GET, /api/v1/AccessTokens, profile:read, true",
			"GET, /api/v1/Users/LoggedUser, identity:read, false", "GET, /api/v1/Users, identity:read, true",
			"GET, /api/v1/Roles/3, identity:read, true", "GET, /api/v1/projects/apollo, work_items:read, true",
			"GET, /api/v1/UserStories/7, work_items:read, true", "POST, /api/v1/UserStories, work_items:read, false",
			"PUT, /api/v1/UserStories/7, work_items:write, true",
			"POST, /api/v1/Projects/APOLLO/Snapshots, work_items:write, true",
			"GET, /api/v1/Budgets, work_items:read, true", "GET, /api/v1/Times, time:read, true",
			"POST, /api/v1/Times, time:read, false", "DELETE, /api/v1/Times/4, time:write, true",
			"GET, /odata/WorkLogs, reporting:read, true",
			"GET, /api/v1/Reporting/Export/WorkLogs.csv, reporting:read, true",
			"GET, /odata/WorkLogs, time:read, false" })
	void authorizeWhenPersonalTokenThenItsScopeDecides(String method, String path, String scope, boolean granted) {
		assertThat(authorize(token(false, Set.of(Scope.parse(scope))), method, path).isGranted()).isEqualTo(granted);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "GET, /api/v1/Settings", "PUT, /api/v1/Settings", "POST, /api/v1/Users", "DELETE, /api/v1/Roles/4",
			"POST, /api/v1/Projects", "POST, /api/v1/Budgets", "GET, /api/v1/ServiceAccount" })
	void authorizeWhenAdministrationThenOnlyWithTheAdminScope(String method, String path) {
		Set<Scope> allButAdmin = EnumSet.complementOf(EnumSet.of(Scope.ADMIN));
		MockHttpServletRequest refused = request(method, path);

		assertThat(this.rules.authorize(() -> token(true, allButAdmin), context(refused)).isGranted()).isFalse();
		assertThat(refused.getAttribute(ScopeRules.MISSING_SCOPE)).isEqualTo("admin");
		assertThat(authorize(token(true, Set.of(Scope.ADMIN)), method, path).isGranted()).isTrue();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "POST, /api/v1/AccessTokens", "DELETE, /api/v1/AccessTokens/3",
			"GET, /api/v1/Authentication/ServiceToken", "GET, /api/v1/Projects/APOLLO/AccessTokens",
			"POST, /api/v1/Projects/APOLLO/AccessTokens", "PUT, /api/v1/ServiceAccount", "GET, /api/v1/NotListedYet" })
	void authorizeWhenMintingACredentialOrAnUnlistedRouteThenEveryScopeNeeded(String method, String path) {
		Set<Scope> allButOne = EnumSet.complementOf(EnumSet.of(Scope.TIME_READ));
		MockHttpServletRequest refused = request(method, path);

		assertThat(this.rules.authorize(() -> token(false, allButOne), context(refused)).isGranted()).isFalse();
		assertThat(refused.getAttribute(ScopeRules.MISSING_SCOPE)).isEqualTo("every scope");
		assertThat(authorize(token(false, Scope.all()), method, path).isGranted()).isTrue();
	}

	@Test
	void authorizeWhenSessionOrPasswordThenEveryRequest() {
		Caller caller = new Caller(1, "ann", UserKind.User, false, false, true);

		assertThat(
				authorize(new CallerAuthentication(caller, CredentialType.SESSION, 0), "POST", "/api/v1/AccessTokens")
					.isGranted())
			.isTrue();
		assertThat(
				authorize(new CallerAuthentication(caller, CredentialType.PASSWORD, 0), "GET", "/api/v1/NotListedYet")
					.isGranted())
			.isTrue();
	}

	@Test
	void authorizeWhenRequesterThenRefusedWhateverTheCredential() {
		Caller requester = new Caller(2, "rex", UserKind.Requester, false, false, true);

		assertThat(authorize(new CallerAuthentication(requester, CredentialType.PASSWORD, 0), "GET",
				"/api/v1/Users/LoggedUser")
			.isGranted()).isFalse();
	}

	@Test
	void authorizeWhenProjectTokenThenOnlyASnapshotUpload() {
		ProjectAccessTokenAuthentication projectToken = new ProjectAccessTokenAuthentication(new ProjectAccessToken(5,
				9, "APOLLO", "CI", Instant.parse("2026-03-01T00:00:00Z"), LocalDate.of(2026, 12, 31), null));
		MockHttpServletRequest list = request("GET", "/api/v1/Projects/APOLLO/Snapshots");

		assertThat(authorize(projectToken, "POST", "/api/v1/Projects/APOLLO/Snapshots").isGranted()).isTrue();
		assertThat(this.rules.authorize(() -> projectToken, context(list)).isGranted()).isFalse();
		assertThat(list.getAttribute(ScopeRules.PROJECT_TOKEN_REFUSED)).isEqualTo(Boolean.TRUE);
		assertThat(authorize(projectToken, "GET", "/api/v1/Users/LoggedUser").isGranted()).isFalse();
	}

	@Test
	void authorizeWhenNotAGatehouseAuthenticationThenRefused() {
		assertThat(authorize(new TestingAuthenticationToken("ann", "secret", "ROLE_USER"), "GET",
				"/api/v1/Users/LoggedUser")
			.isGranted()).isFalse();
	}

	private AuthorizationResult authorize(Authentication authentication, String method, String path) {
		return this.rules.authorize(() -> authentication, context(request(method, path)));
	}

	private static CallerAuthentication token(boolean administrator, Set<Scope> scopes) {
		Caller caller = new Caller(3, "tom", UserKind.User, administrator, administrator, false);
		return new CallerAuthentication(caller, CredentialType.PERSONAL_ACCESS_TOKEN, 0, scopes);
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setServletPath(path);
		return request;
	}

	private static RequestAuthorizationContext context(MockHttpServletRequest request) {
		return new RequestAuthorizationContext(request);
	}

	private static PathPatternParser parser() {
		// As the server's PathMatchingConfiguration: API paths ignore case.
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

}
