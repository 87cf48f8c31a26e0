package dev.gatehouse.authentication;

import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.settings.SettingsService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §2: who gets through to {@code /api/**}, with which credential, and what the
 * others get.
 */
class AuthenticationIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private SettingsService settings;

	@Test
	void apiWhenNoCredentialsThenUnauthorizedWithChallengeAndXmlError() {
		ApiResponse response = anonymous().get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).hasValue("Basic realm=\"Gatehouse\", Bearer");
		assertThat(response.contentType()).startsWith("application/xml");
		assertThat(response.xpath("/Error/Status")).isEqualTo("Unauthorized");
		assertThat(response.xpath("/Error/Message")).isNotBlank();
	}

	@Test
	void apiWhenNoCredentialsAndJsonRequestedThenJsonError() {
		ApiResponse response = anonymous().get("/api/v1/Users/LoggedUser?format=json");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("Status").asString()).isEqualTo("Unauthorized");
	}

	@Test
	void basicWhenWrongPasswordThenAnswersExactlyLikeUnknownLogin() {
		TestUser user = TestUsers.user(admin(), "wrongpw");

		ApiResponse wrongPassword = anonymous().basic(user.login(), "not-the-password").get("/api/v1/Users/LoggedUser");
		ApiResponse unknownLogin = anonymous().basic(unique("nobody"), "not-the-password")
			.get("/api/v1/Users/LoggedUser");

		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongPassword.body()).isEqualTo(unknownLogin.body());
		assertThat(wrongPassword.header("WWW-Authenticate")).isEqualTo(unknownLogin.header("WWW-Authenticate"));
	}

	@Test
	void basicWhenActiveUserThenLoggedUserIsThatUser() {
		TestUser user = TestUsers.user(admin(), "basic");

		ApiResponse response = user.client(anonymous()).get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.xpath("/User/Login")).isEqualTo(user.login());
		assertThat(response.xpath("/User/@Id")).isEqualTo(String.valueOf(user.id()));
	}

	@Test
	void loggedUserWhenRequesterThenForbiddenSayingRequester() {
		TestUser requester = TestUsers.requester(admin(), "req");

		ApiResponse response = requester.client(anonymous()).json().get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("Message").asString()).contains("Requester");
	}

	@Test
	void basicWhenUserDeactivatedThenUnauthorized() {
		TestUser user = TestUsers.user(admin(), "inactive");
		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false}");

		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
	}

	@Test
	void basicWhenSystemUserHasNoPasswordThenUnauthorized() {
		ApiResponse response = anonymous().basic("System", "").get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void basicWhenSystemUserHasPasswordThenAcceptedOnlyWhileLoginFormEnabled() {
		long systemId = admin().json()
			.get("/api/v1/Users?where=(Login%20eq%20'System')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		String password = "system-password-1";
		assertThat(admin().postJson("/api/v1/Users/" + systemId, "{\"Password\": \"" + password + "\"}").status())
			.isEqualTo(200);
		ApiClient system = anonymous().basic("System", password);
		assertThat(system.get("/api/v1/Users/LoggedUser").xpath("/User/Login")).isEqualTo("System");

		try {
			setLoginFormEnabled(false);
			assertThat(system.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		}
		finally {
			setLoginFormEnabled(true);
		}
	}

	@Test
	void basicWhenLoginFormDisabledThenUnauthorizedForEveryone() {
		TestUser user = TestUsers.user(admin(), "sso");
		try {
			setLoginFormEnabled(false);
			assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
			assertThat(admin().get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		}
		finally {
			setLoginFormEnabled(true);
		}
		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
	}

	@Test
	void loginFormWhenDisabledThenRefused() {
		TestUser user = TestUsers.user(admin(), "ssoform");
		try {
			setLoginFormEnabled(false);
			ApiResponse answer = anonymous().signIn(user.login(), user.password());
			assertThat(answer.status()).isEqualTo(302);
			assertThat(answer.header("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?disabled"));
		}
		finally {
			setLoginFormEnabled(true);
		}
	}

	@Test
	void sessionCookieWhenSignedInThenApiAcceptsIt() {
		TestUser user = TestUsers.user(admin(), "cookie");
		ApiClient browser = anonymous();

		ApiResponse login = browser.signIn(user.login(), user.password());

		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		assertThat(browser.hasSessionCookie()).isTrue();
		assertThat(browser.get("/api/v1/Users/LoggedUser").xpath("/User/Login")).isEqualTo(user.login());
	}

	@Test
	void loginFormWhenSystemUserThenRefusedEvenWithItsPassword() {
		long systemId = admin().json()
			.get("/api/v1/Users?where=(Login%20eq%20'System')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		admin().postJson("/api/v1/Users/" + systemId, "{\"Password\": \"system-password-2\"}");

		ApiResponse answer = anonymous().signIn("System", "system-password-2");

		assertThat(answer.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
	}

	@Test
	void sessionCookieWhenStateChangingWithoutCsrfTokenThenForbidden() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String login = unique("csrf");

		ApiResponse withoutToken = browser.json()
			.postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", \"Password\": \"password-123\"}");

		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(withoutToken.json().get("Message").asString()).contains("CSRF");
		assertThat(admin().get("/api/v1/Users?where=(Login%20eq%20'" + login + "')").xpath("count(/Users/User)"))
			.isEqualTo("0");
	}

	@Test
	void sessionCookieWhenStateChangingWithCsrfTokenFromPageThenAccepted() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String token = ApiClient.csrfToken(browser.get("/"));

		ApiResponse withToken = browser.header("X-CSRF-TOKEN", token)
			.json()
			.postJson("/api/v1/Users", "{\"Login\": \"" + unique("csrfok") + "\", \"Password\": \"password-123\"}");

		assertThat(withToken.status()).isEqualTo(201);
	}

	@Test
	void sessionCookieWhenInvalidBasicAlsoSentThenInvalidIgnoredButCsrfStillRequired() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD).basic("admin", "wrong-password");

		assertThat(browser.get("/api/v1/Users/LoggedUser").xpath("/User/Login")).isEqualTo("admin");
		assertThat(browser.postJson("/api/v1/Users", "{\"Login\": \"" + unique("x") + "\"}").status()).isEqualTo(403);
	}

	@Test
	void basicWhenStateChangingThenNoCsrfTokenNeeded() {
		ApiResponse response = admin().postJson("/api/v1/Users",
				"{\"Login\": \"" + unique("basicwrite") + "\", \"Password\": \"password-123\"}");

		assertThat(response.status()).isEqualTo(201);
	}

	@Test
	void credentialsWhenNamingDifferentUsersThenUnauthorized() {
		TestUser other = TestUsers.user(admin(), "other");
		ApiClient browser = signIn("admin", ADMIN_PASSWORD).basic(other.login(), other.password());

		ApiResponse response = browser.get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.xpath("/Error/Message")).contains("different users");
	}

	@Test
	void sessionWhenUserDeactivatedThenApiAndPagesRefuseOnNextRequest() {
		TestUser user = TestUsers.user(admin(), "deact");
		ApiClient browser = anonymous();
		browser.signIn(user.login(), user.password());
		assertThat(browser.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false}");

		assertThat(browser.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		assertThat(browser.get("/").status()).isEqualTo(302);
	}

	@Test
	void apiWhenAuthenticatedWithBasicThenNoSessionIsCreated() {
		ApiResponse response = admin().get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Set-Cookie")).isEmpty();
	}

	@Test
	void basicWhenTooManyFailuresFromOneAddressThenTooManyRequestsWithRetryAfter() {
		TestUser target = TestUsers.user(admin(), "sprayed");
		ApiClient attacker = anonymous();
		for (int i = 0; i < 8; i++) {
			assertThat(attacker.basic(unique("guess"), "wrong").get("/api/v1/Users/LoggedUser").status())
				.isEqualTo(401);
		}

		ApiResponse blocked = target.client(attacker).get("/api/v1/Users/LoggedUser");

		assertThat(blocked.status()).as("not even checked: it may be one more guess").isEqualTo(429);
		assertThat(blocked.header("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
		assertThat(target.client(anonymous()).get("/api/v1/Users/LoggedUser").status())
			.as("another address is not blocked")
			.isEqualTo(200);
	}

	@Test
	void basicWhenTooManyFailuresForOneLoginThenThatLoginIsBlockedFromEveryAddress() {
		TestUser victim = TestUsers.user(admin(), "victim");
		for (int i = 0; i < 5; i++) {
			assertThat(anonymous().basic(victim.login(), "wrong-" + i).get("/api/v1/Users/LoggedUser").status())
				.isEqualTo(401);
		}

		ApiResponse blocked = victim.client(anonymous()).json().get("/api/v1/Users/LoggedUser");

		assertThat(blocked.status()).isEqualTo(429);
		assertThat(blocked.json().get("Message").asString()).contains("Too many");
		assertThat(admin().get("/api/v1/Users/LoggedUser").status()).as("other logins are not blocked").isEqualTo(200);
	}

	@Test
	void loginFormWhenTooManyFailuresThenBlockedMessage() {
		ApiClient attacker = anonymous();
		for (int i = 0; i < 8; i++) {
			attacker.signIn(unique("formguess"), "wrong");
		}

		ApiResponse blocked = attacker.signIn("admin", ADMIN_PASSWORD);

		assertThat(blocked.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/login?blocked="));
	}

	@Test
	void healthWhenAnonymousThenUp() {
		ApiResponse health = anonymous().get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("UP");
	}

	@Test
	void prometheusWhenAdministratorThenMetricsElseRefused() {
		assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(TestUsers.user(admin(), "metrics").client(anonymous()).get("/actuator/prometheus").status())
			.isEqualTo(403);
		ApiResponse metrics = admin().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void logoutWhenSignedInThenSessionNoLongerAuthenticates() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String token = ApiClient.csrfToken(browser.get("/"));

		ApiResponse logout = browser.submitForm("/logout", token, Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(browser.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
	}

	@Test
	void basicWhenManyWrongPasswordsAtOnceThenOnlyTheLoginLimitIsChecked() throws Exception {
		TestUser victim = TestUsers.user(admin(), "burst");
		java.util.List<java.util.concurrent.CompletableFuture<Integer>> answers = new java.util.ArrayList<>();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
		try {
			for (int i = 0; i < 20; i++) {
				ApiClient attacker = anonymous().basic(victim.login(), "guess-" + i);
				answers.add(java.util.concurrent.CompletableFuture
					.supplyAsync(() -> attacker.get("/api/v1/Users/LoggedUser").status(), pool));
			}
			java.util.List<Integer> statuses = new java.util.ArrayList<>();
			for (java.util.concurrent.CompletableFuture<Integer> answer : answers) {
				statuses.add(answer.get());
			}

			assertThat(statuses.stream().filter((status) -> status == 401).count()).as(statuses.toString())
				.isEqualTo(5);
			assertThat(statuses.stream().filter((status) -> status == 429).count()).isEqualTo(15);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void basicWhenManyRequestsAtOnceWithTheRightPasswordThenAllAccepted() throws Exception {
		TestUser user = TestUsers.user(admin(), "parallel");
		ApiClient script = user.client(anonymous());
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
		try {
			java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 40; i++) {
				answers.add(pool.submit(() -> script.get("/api/v1/Users/LoggedUser").status()));
			}
			for (java.util.concurrent.Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void sessionWhenPasswordChangedThenSignedOutEverywhere() {
		TestUser user = TestUsers.user(admin(), "pwsession");
		ApiClient browser = anonymous();
		browser.signIn(user.login(), user.password());
		assertThat(browser.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		admin().postJson("/api/v1/Users/" + user.id(), "{\"Password\": \"another-password-1\"}");

		assertThat(browser.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		assertThat(browser.get("/").status()).isEqualTo(302);
	}

	@Test
	void sessionWhenThrottledBasicAlsoSentThenSessionStillAuthenticates() {
		TestUser user = TestUsers.user(admin(), "throttled");
		for (int i = 0; i < 5; i++) {
			anonymous().basic(user.login(), "wrong-" + i).get("/api/v1/Users/LoggedUser");
		}
		ApiClient browser = anonymous();
		browser.signIn("admin", ADMIN_PASSWORD);
		assertThat(anonymous().basic(user.login(), user.password()).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(429);

		ApiResponse response = browser.basic(user.login(), "wrong-again").get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.xpath("/User/Login")).isEqualTo("admin");
	}

	@Test
	void basicWhenBrowserSendsItFromAnotherSiteThenStateChangeNeedsCsrfToken() {
		String body = "{\"Login\": \"" + unique("xsite") + "\", \"Password\": \"password-123\"}";

		assertThat(admin().header("Sec-Fetch-Site", "cross-site").postJson("/api/v1/Users", body).status())
			.isEqualTo(403);
		assertThat(admin().header("Origin", "https://evil.example").postJson("/api/v1/Users", body).status())
			.isEqualTo(403);
		assertThat(admin().header("Sec-Fetch-Site", "cross-site").get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(200);
		assertThat(admin().header("Sec-Fetch-Site", "same-origin").postJson("/api/v1/Users", body).status())
			.isEqualTo(201);
	}

	@Test
	void personalTokenAsBasicWhenBrowserSendsItFromAnotherSiteThenStateChangeNeedsCsrfToken() {
		TestUser user = TestUsers.administrator(admin(), "xsitepat");
		String token = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"cached by a browser\"}");
		String key = TestProjects.project(admin());
		ApiClient browser = anonymous().basic("", token);

		assertThat(TestProjects.upload(browser.header("Sec-Fetch-Site", "cross-site"), key).status()).isEqualTo(403);
		assertThat(TestProjects.upload(browser.header("Origin", "https://evil.example"), key).status()).isEqualTo(403);
		assertThat(browser.header("Sec-Fetch-Site", "cross-site").get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(200);
		assertThat(TestProjects.upload(browser, key).status()).as("a script sends no Fetch Metadata").isEqualTo(201);
	}

	private void setLoginFormEnabled(boolean enabled) {
		if (enabled) {
			// Basic is refused while the form is disabled, and tokens come later: reset
			// it directly.
			this.settings.enableLoginForm();
		}
		else {
			assertThat(admin().postJson("/api/v1/Settings", "{\"LoginFormEnabled\": false}").status()).isEqualTo(200);
		}
	}

}
