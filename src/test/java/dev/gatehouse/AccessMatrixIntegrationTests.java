package dev.gatehouse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.AccessMatrix.Case;
import dev.gatehouse.AccessMatrix.Kind;
import dev.gatehouse.AccessMatrix.Row;
import dev.gatehouse.AccessMatrix.Subject;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.token.Scope;
import openid.TestOpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of {@code docs/access-matrix.md} × every credential kind × user state ×
 * scope set, sent to the running server: the status must be the one the matrix's rules
 * give. And every route the application maps must have its row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIntegrationTests extends IntegrationTestSupport {

	private static final long MISSING = 987_654_321L;

	/**
	 * Wrong passwords sent as System: fewer than its login's limit, so that other tests
	 * can still use System's Basic credentials.
	 */
	private static final int SYSTEM_PROBES = 3;

	private static final Pattern ENTITY_SET = Pattern.compile("<EntitySet Name=\"([A-Za-z]+)\"");

	private static final List<Row> ROWS = AccessMatrix.rows();

	@Autowired
	private ApplicationContext context;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ChangeNotifications changes;

	private String project;

	private final Map<Subject, Credentials> credentials = new EnumMap<>(Subject.class);

	private String projectToken;

	private TestOpenIdProvider.Running ciIssuer;

	private TestOpenIdProvider.Running identityProvider;

	private String registrationId;

	private String ciToken;

	private String ciTokenOfOtherProject;

	private String ciTokenUntrusted;

	private String garbage;

	private String mistyped;

	private String expired;

	private String revoked;

	private long systemId;

	@BeforeAll
	void organisation() {
		singleSignOn();
		this.project = TestProjects.project(admin());
		this.credentials.put(Subject.USER, member(TestUsers.user(admin(), "mxuser"), true));
		this.credentials.put(Subject.ADMINISTRATOR, member(TestUsers.administrator(admin(), "mxadmin"), false));
		this.credentials.put(Subject.NO_TOKEN_PERMISSION, noTokenPermission());
		this.credentials.put(Subject.REQUESTER, requester());
		this.credentials.put(Subject.INACTIVE, inactive());
		this.projectToken = TestProjects.projectToken(admin(), this.project, today().plusDays(30));
		String valid = this.credentials.get(Subject.USER).tokens().get(null);
		this.garbage = "not-a-token-at-all";
		int last = valid.length() - 1;
		this.mistyped = valid.substring(0, last) + ((valid.charAt(last) == 'a') ? 'b' : 'a');
		this.revoked = revokedToken();
		this.expired = TestProjects.personalToken(TestUsers.user(admin(), "mxexpired").client(anonymous()),
				"{\"Name\": \"last day\", \"ExpirationDate\": \"" + today() + "\"}");
		this.systemId = admin().json()
			.get("/api/v1/Users?where=(Login%20eq%20'System')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		// Past the expired token's last day; every other credential lives longer.
		this.clock.advance(Duration.ofDays(2));
		ciTokens();
	}

	/**
	 * An identity provider (a real OpenID provider) that links its users to Gatehouse's
	 * by verified email, and creates nobody.
	 */
	private void singleSignOn() {
		this.identityProvider = TestOpenIdProvider.shared();
		this.registrationId = unique("matrix").toLowerCase();
		String clientId = "gatehouse-" + this.registrationId;
		this.identityProvider.addClient(clientId, "matrix-secret", "/login/oauth2/code/" + this.registrationId,
				"http://localhost:" + this.port + "/login/oauth2/code/" + this.registrationId);
		ApiResponse added = admin().json()
			.postJson("/api/v1/Settings/IdentityProviders",
					"{\"DisplayName\": \"Matrix\", \"Issuer\": \"" + this.identityProvider.issuer()
							+ "\", \"ClientId\": \"" + clientId
							+ "\", \"ClientSecret\": \"matrix-secret\", \"RegistrationId\": \"" + this.registrationId
							+ "\", \"LinkByVerifiedEmail\": true, \"ProvisionUsers\": false}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
	}

	/**
	 * A page session signed in through the identity provider, linked by verified email.
	 */
	private ApiClient signInThroughProvider(TestUser user) {
		String email = user.login() + "@matrix.example";
		assertThat(admin().postJson("/api/v1/Users/" + user.id(), "{\"Email\": \"" + email + "\"}").status())
			.isEqualTo(200);
		this.identityProvider.addUser(user.login(), "provider-password",
				Map.of("email", email, "email_verified", true));
		return anonymous().signInThrough(this.identityProvider, this.registrationId, user.login(), "provider-password");
	}

	/**
	 * CI job tokens signed by a real issuer's key: one a trusted identity of P matches,
	 * one only another project's does, one no identity matches. They expire an hour after
	 * the server's (moved) clock, as a job's token expires soon after it starts.
	 */
	private void ciTokens() {
		this.ciIssuer = TestOpenIdProvider.shared();
		String other = TestProjects.project(admin());
		String repository = unique("acme/matrix");
		trustCi(this.project, repository);
		trustCi(other, repository + "-other");
		this.ciToken = ciToken(repository);
		this.ciTokenOfOtherProject = ciToken(repository + "-other");
		this.ciTokenUntrusted = ciToken(repository + "-nobody");
	}

	private void trustCi(String key, String repository) {
		ApiResponse added = admin().json()
			.postJson("/api/v1/Projects/" + key + "/TrustedCiIdentities",
					"{\"Name\": \"matrix\", \"Issuer\": \"" + this.ciIssuer.issuer()
							+ "\", \"Audience\": \"gatehouse\", \"Claims\": [{\"Claim\": \"repository\", \"Value\": \""
							+ repository + "\"}]}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
	}

	private String ciToken(String repository) {
		Instant now = this.clock.instant();
		return this.ciIssuer.sign(new JWTClaimsSet.Builder().issuer(this.ciIssuer.issuer())
			.subject("repo:" + repository + ":ref:refs/heads/main")
			.audience("gatehouse")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))
			.claim("repository", repository)
			.build());
	}

	@AfterAll
	void clockBack() {
		this.clock.reset();
	}

	static Stream<Case> cases() {
		List<Case> cases = new ArrayList<>();
		for (Kind kind : List.of(Kind.NONE, Kind.GARBAGE, Kind.MISTYPED, Kind.EXPIRED, Kind.REVOKED)) {
			cases.add(new Case(kind, Subject.NOBODY, null));
		}
		List<Subject> people = List.of(Subject.USER, Subject.ADMINISTRATOR, Subject.INACTIVE, Subject.REQUESTER,
				Subject.NO_TOKEN_PERMISSION);
		for (Subject subject : people) {
			cases.add(new Case(Kind.SESSION, subject, null));
			cases.add(new Case(Kind.SESSION_NO_CSRF, subject, null));
			cases.add(new Case(Kind.SSO_SESSION, subject, null));
			cases.add(new Case(Kind.BASIC, subject, null));
			cases.add(new Case(Kind.SERVICE_TOKEN, subject, null));
			cases.add(new Case(Kind.PAT_QUERY, subject, null));
			cases.add(new Case(Kind.PAT_BASIC, subject, null));
		}
		for (Subject subject : List.of(Subject.SYSTEM, Subject.SYSTEM_NO_PASSWORD)) {
			cases.add(new Case(Kind.BASIC, subject, null));
			cases.add(new Case(Kind.SERVICE_TOKEN, subject, null));
		}
		for (Subject subject : List.of(Subject.USER, Subject.ADMINISTRATOR)) {
			AccessMatrix.scopeSets().forEach((scopes) -> cases.add(new Case(Kind.PAT_BEARER, subject, scopes)));
		}
		for (Subject subject : List.of(Subject.INACTIVE, Subject.REQUESTER, Subject.NO_TOKEN_PERMISSION)) {
			cases.add(new Case(Kind.PAT_BEARER, subject, null));
		}
		cases.add(new Case(Kind.PROJECT_TOKEN, Subject.NOBODY, null));
		for (Kind kind : List.of(Kind.CI_TOKEN, Kind.CI_TOKEN_OTHER_PROJECT, Kind.CI_TOKEN_UNTRUSTED)) {
			cases.add(new Case(kind, Subject.NOBODY, null));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void everyRouteWhenAskedWithThisCredentialThenAnswersAsTheMatrixSays(Case cell) {
		ApiClient client = client(cell);
		List<String> mismatches = new ArrayList<>();
		boolean wrongPassword = cell.kind() == Kind.BASIC && !cell.isValid();
		int failedPasswords = 0;
		for (Row row : ROWS) {
			int expected = row.expected(cell);
			if (wrongPassword && !row.rule().isPage()) {
				if (cell.subject() == Subject.SYSTEM_NO_PASSWORD && failedPasswords == SYSTEM_PROBES) {
					continue;
				}
				// Checked before anything else, and limited per login
				// (docs/access-matrix.md).
				expected = (failedPasswords >= PER_LOGIN_LIMIT) ? 429 : expected;
				failedPasswords++;
			}
			ApiResponse response = send(client, row);
			if (response.status() != expected) {
				mismatches.add(row.route() + " (" + row.rule().name() + "): expected " + expected + ", got "
						+ response.status() + " " + abbreviated(response.body()));
			}
		}
		assertThat(mismatches).as("%s: %d routes", cell, ROWS.size()).isEmpty();
	}

	@Test
	void matrixWhenCountedThenAtLeastFiveHundredCases() {
		long count = cases().count() * ROWS.size();

		assertThat(count).isGreaterThanOrEqualTo(500);
	}

	@Test
	void everyRouteOfTheApplicationWhenListedThenHasItsRowAndEveryRowItsRoute() {
		Set<String> mapped = new TreeSet<>();
		this.context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods().keySet().forEach((info) -> mapped.addAll(routes(info))));
		Set<String> feed = new TreeSet<>(Set.of("GET /odata", "GET /odata/$metadata"));
		Matcher sets = ENTITY_SET.matcher(admin().get("/odata/$metadata").body());
		while (sets.find()) {
			feed.add("GET /odata/" + sets.group(1));
		}
		mapped.addAll(feed);
		Set<String> documented = ROWS.stream().map(Row::route).collect(Collectors.toCollection(TreeSet::new));

		assertThat(mapped).as("routes without a row in " + AccessMatrix.DOCUMENT).isSubsetOf(documented);
		assertThat(documented).as("rows of " + AccessMatrix.DOCUMENT + " naming no route").isSubsetOf(mapped);
	}

	private static List<String> routes(RequestMappingInfo info) {
		Set<String> methods = info.getMethodsCondition()
			.getMethods()
			.stream()
			.map(Enum::name)
			.collect(Collectors.toSet());
		List<String> routes = new ArrayList<>();
		for (String pattern : info.getPatternValues()) {
			if (methods.isEmpty()) {
				routes.add("* " + pattern);
			}
			methods.forEach((method) -> routes.add(method + " " + pattern));
		}
		return routes;
	}

	private ApiResponse send(ApiClient client, Row row) {
		String path = row.probe()
			.path()
			.replace("{P}", this.project)
			.replace("{missing}", String.valueOf(MISSING))
			.replace("{nokey}", "NOKEY" + MISSING);
		String body = row.probe().body();
		if (body == null) {
			return client.method(row.probe().method(), path);
		}
		if (body.equals("bytes")) {
			return client.postBytes(path, "application/octet-stream", "probe".getBytes(StandardCharsets.UTF_8));
		}
		if (body.startsWith("form:")) {
			return client.post(path, "application/x-www-form-urlencoded",
					body.substring("form:".length()).replace("{missing}", String.valueOf(MISSING)));
		}
		return client.json()
			.send(row.probe().method(), path, "application/json", body.replace("{missing}", String.valueOf(MISSING)));
	}

	private ApiClient client(Case cell) {
		ApiClient anonymous = anonymous();
		switch (cell.kind()) {
			case NONE:
				return anonymous;
			case GARBAGE:
				return anonymous.bearer(this.garbage);
			case MISTYPED:
				return anonymous.bearer(this.mistyped);
			case EXPIRED:
				return anonymous.bearer(this.expired);
			case REVOKED:
				return anonymous.bearer(this.revoked);
			case PROJECT_TOKEN:
				return anonymous.bearer(this.projectToken);
			case CI_TOKEN:
				return anonymous.bearer(this.ciToken);
			case CI_TOKEN_OTHER_PROJECT:
				return anonymous.bearer(this.ciTokenOfOtherProject);
			case CI_TOKEN_UNTRUSTED:
				return anonymous.bearer(this.ciTokenUntrusted);
			default:
				break;
		}
		Credentials own = credentialsOf(cell.subject());
		return switch (cell.kind()) {
			case SESSION -> own.session().header("X-CSRF-TOKEN", own.csrf());
			case SESSION_NO_CSRF -> own.session();
			case SSO_SESSION -> own.ssoSession().header("X-CSRF-TOKEN", own.ssoCsrf());
			case BASIC -> anonymous.basic(own.login(), own.password());
			case SERVICE_TOKEN -> anonymous.query("token", own.serviceToken());
			case PAT_BEARER -> anonymous.bearer(own.tokens().get(cell.scopes()));
			case PAT_QUERY -> anonymous.query("access_token", own.tokens().get(null));
			case PAT_BASIC -> anonymous.basic("", own.tokens().get(null));
			default -> throw new IllegalStateException(cell.toString());
		};
	}

	/**
	 * The subject's credentials; System's password is set or removed first, as the case
	 * needs.
	 */
	private Credentials credentialsOf(Subject subject) {
		if (subject == Subject.SYSTEM) {
			String password = "matrix-system-password";
			assertThat(
					admin().postJson("/api/v1/Users/" + this.systemId, "{\"Password\": \"" + password + "\"}").status())
				.isEqualTo(200);
			return new Credentials("System", password, null, null, serviceTokenOf("System"), Map.of(), null, null);
		}
		if (subject == Subject.SYSTEM_NO_PASSWORD) {
			// No request can remove a password: the test does it in the database.
			this.jdbc.sql("update users set password_hash = null where id = :id").param("id", this.systemId).update();
			this.changes.publish(Topic.USER, this.systemId);
			return new Credentials("System", "matrix-system-password", null, null, serviceTokenOf("System"), Map.of(),
					null, null);
		}
		return this.credentials.get(subject);
	}

	private String serviceTokenOf(String login) {
		return admin().json().get("/api/v1/Authentication?login=" + login).json().get("Token").asString();
	}

	private Credentials member(TestUser user, boolean ofProject) {
		if (ofProject) {
			TestProjects.member(admin(), this.project, user.id());
		}
		return credentialsFor(user, true);
	}

	private Credentials credentialsFor(TestUser user, boolean everyScopeSet) {
		ApiClient basic = user.client(anonymous());
		Map<Set<Scope>, String> tokens = new java.util.HashMap<>();
		List<Set<Scope>> sets = everyScopeSet ? AccessMatrix.scopeSets() : java.util.Collections.singletonList(null);
		for (Set<Scope> scopes : sets) {
			String scopeList = (scopes == null) ? "" : ", \"Scopes\": ["
					+ scopes.stream().map((scope) -> "\"" + scope.apiName() + "\"").collect(Collectors.joining(", "))
					+ "]";
			tokens.put(scopes, TestProjects.personalToken(basic, "{\"Name\": \"matrix\"" + scopeList + "}"));
		}
		String serviceToken = TestProjects.serviceToken(basic);
		ApiClient session = signIn(user);
		ApiClient ssoSession = signInThroughProvider(user);
		return new Credentials(user.login(), user.password(), session, csrf(session, "/"), serviceToken, tokens,
				ssoSession, csrf(ssoSession, "/"));
	}

	private Credentials noTokenPermission() {
		long role = TestUsers.role(admin(), "MatrixTokens", "ACCESS_TOKENS");
		TestUser user = TestUsers.withRole(admin(), "mxnotokens", role);
		TestProjects.member(admin(), this.project, user.id());
		Credentials credentials = credentialsFor(user, false);
		assertThat(admin().postJson("/api/v1/Roles/" + role, "{\"Permissions\": []}").status()).isEqualTo(200);
		return credentials;
	}

	private Credentials requester() {
		TestUser user = TestUsers.user(admin(), "mxrequester");
		TestProjects.member(admin(), this.project, user.id());
		Credentials before = credentialsFor(user, false);
		assertThat(admin().postJson("/api/v1/Users/" + user.id(), "{\"Kind\": \"Requester\"}").status()).isEqualTo(200);
		ApiClient session = signIn(user);
		return new Credentials(before.login(), before.password(), session, csrf(session, "/"), before.serviceToken(),
				before.tokens(), before.ssoSession(), before.ssoCsrf());
	}

	private Credentials inactive() {
		TestUser user = TestUsers.user(admin(), "mxinactive");
		Credentials credentials = credentialsFor(user, false);
		assertThat(admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false}").status()).isEqualTo(200);
		return credentials;
	}

	private String revokedToken() {
		TestUser user = TestUsers.user(admin(), "mxrevoked");
		ApiClient owner = user.client(anonymous());
		String token = TestProjects.personalToken(owner, "{\"Name\": \"revoked\"}");
		long id = TestProjects.firstTokenId(owner);
		assertThat(owner.delete("/api/v1/AccessTokens/" + id).status()).isEqualTo(204);
		return token;
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static String abbreviated(String body) {
		String flat = body.replaceAll("\\s+", " ");
		return (flat.length() > 160) ? flat.substring(0, 160) + "…" : flat;
	}

	/**
	 * What one user holds: a password, a signed-in session and its CSRF token, a service
	 * token, and personal tokens by scope set ({@code null}: every scope).
	 */
	private record Credentials(String login, String password, ApiClient session, String csrf, String serviceToken,
			Map<Set<Scope>, String> tokens, ApiClient ssoSession, String ssoCsrf) {
	}

}
