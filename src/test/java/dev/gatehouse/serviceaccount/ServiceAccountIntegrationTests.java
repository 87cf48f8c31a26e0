package dev.gatehouse.serviceaccount;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service account (SPEC §6.1, §6.2, §6.6, §10): set by an administrator with one of
 * their tokens, or a new one; its state follows the token and the account as they are
 * now; the settings page and the home page say what to do.
 */
class ServiceAccountIntegrationTests extends IntegrationTestSupport {

	private static final String SCOPES = "[\"profile:read\", \"identity:read\", \"work_items:read\", \"work_items:write\"]";

	@Autowired
	JdbcClient jdbc;

	private TestUser administrator;

	@BeforeEach
	void noServiceAccount() {
		assertThat(admin().delete("/api/v1/ServiceAccount").status()).isEqualTo(204);
		this.administrator = TestUsers.administrator(admin(), "serviceaccount");
	}

	@AfterEach
	void removeServiceAccount() {
		this.clock.reset();
		admin().delete("/api/v1/ServiceAccount");
	}

	@Test
	void statusWhenNoneConfiguredThenNotConfiguredAndHomeWarns() {
		JsonNode status = status();

		assertThat(status.get("State").asString()).isEqualTo("NOT_CONFIGURED");
		assertThat(status.get("Account").isNull()).isTrue();
		assertThat(signIn(this.administrator).get("/").body()).contains("id=\"service-account-warning\"");
	}

	@Test
	void setWhenEligibleTokenThenHealthyWithDaysLeftAndNoWarning() {
		long token = token(this.administrator, SCOPES, today().plusDays(200));

		ApiResponse set = client(this.administrator).postJson("/api/v1/ServiceAccount",
				"{\"AccessToken\": {\"Id\": " + token + "}}");

		assertThat(set.status()).as(set.body()).isEqualTo(200);
		JsonNode status = status();
		assertThat(status.get("State").asString()).isEqualTo("HEALTHY");
		assertThat(status.get("DaysLeft").asLong()).isEqualTo(200);
		assertThat(status.get("Account").get("Login").asString()).isEqualTo(this.administrator.login());
		assertThat(signIn(this.administrator).get("/").body()).doesNotContain("id=\"service-account-warning\"");
		assertThat(admin().get("/api/v1/ServiceAccount/status").xpath("/ServiceAccountStatus/State"))
			.isEqualTo("HEALTHY");
	}

	@Test
	void stateWhenTokenNearItsEndThenExpiringThenExpired() {
		set(token(this.administrator, SCOPES, today().plusDays(31)));
		assertThat(status().get("State").asString()).isEqualTo("HEALTHY");

		this.clock.advance(Duration.ofDays(11));
		JsonNode expiring = status();
		assertThat(expiring.get("State").asString()).isEqualTo("EXPIRING");
		assertThat(expiring.get("Message").asString()).contains("expires in 20 days");
		assertThat(signIn(this.administrator).get("/").body()).contains("expires in 20 days");

		this.clock.advance(Duration.ofDays(21));
		assertThat(status().get("State").asString()).isEqualTo("EXPIRED_OR_REVOKED");
	}

	@Test
	void stateWhenExactlyThirtyDaysOrTheLastDayLeftThenExpiring() {
		set(token(this.administrator, SCOPES, today().plusDays(30)));

		assertThat(status().get("State").asString()).isEqualTo("EXPIRING");
		this.clock.advance(Duration.ofDays(30));
		JsonNode lastDay = status();
		assertThat(lastDay.get("State").asString()).isEqualTo("EXPIRING");
		assertThat(lastDay.get("DaysLeft").asLong()).isZero();
	}

	@Test
	void formsWhenPostedWithoutCsrfTokenOrByANonAdministratorThenRefused() {
		ApiClient browser = signIn(this.administrator);
		String page = "/settings/reporting-and-api";

		assertThat(browser.submitForm(page + "/service-account", null, Map.of()).status()).isEqualTo(403);
		TestUser user = TestUsers.user(admin(), "plain");
		ApiClient plain = signIn(user);
		assertThat(plain.submitForm(page + "/service-account", csrf(plain, "/"), Map.of()).status())
			.as("an administrators' page, like the rest of it")
			.isEqualTo(403);
		assertThat(status().get("State").asString()).isEqualTo("NOT_CONFIGURED");
	}

	@Test
	void setWhenTwoAdministratorsSetThemselvesAtOnceThenBothSucceedOneAfterTheOther() throws Exception {
		TestUser other = TestUsers.administrator(admin(), "serviceaccount");
		long mine = token(this.administrator, SCOPES, today().plusDays(100));
		long theirs = token(other, SCOPES, today().plusDays(100));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			var first = pool.submit(() -> {
				start.await();
				return client(this.administrator)
					.postJson("/api/v1/ServiceAccount", "{\"AccessToken\": {\"Id\": " + mine + "}}")
					.status();
			});
			var second = pool.submit(() -> {
				start.await();
				return client(other).postJson("/api/v1/ServiceAccount", "{\"AccessToken\": {\"Id\": " + theirs + "}}")
					.status();
			});
			start.countDown();

			assertThat(java.util.List.of(first.get(), second.get())).containsExactly(200, 200);
		}
		finally {
			pool.shutdown();
		}
		assertThat(status().get("Account").get("Login").asString()).isIn(this.administrator.login(), other.login());
	}

	@Test
	void stateWhenTokenRevokedThenExpiredOrRevoked() {
		long token = token(this.administrator, SCOPES, today().plusDays(100));
		set(token);

		assertThat(client(this.administrator).delete("/api/v1/AccessTokens/" + token).status()).isEqualTo(204);

		JsonNode status = status();
		assertThat(status.get("State").asString()).isEqualTo("EXPIRED_OR_REVOKED");
		assertThat(status.get("Message").asString()).contains("Set the service account again");
	}

	@Test
	void stateWhenAccountDemotedOrDeactivatedThenNotAdministrator() {
		set(token(this.administrator, SCOPES, today().plusDays(100)));

		assertThat(admin().json()
			.postJson("/api/v1/Users/" + this.administrator.id(), "{\"IsAdministrator\": false}")
			.status()).isEqualTo(200);
		assertThat(status().get("State").asString()).isEqualTo("NOT_ADMINISTRATOR");
		admin().json().postJson("/api/v1/Users/" + this.administrator.id(), "{\"IsAdministrator\": true}");
		assertThat(status().get("State").asString()).isEqualTo("HEALTHY");
		admin().json().postJson("/api/v1/Users/" + this.administrator.id(), "{\"IsActive\": false}");
		assertThat(status().get("State").asString()).isEqualTo("NOT_ADMINISTRATOR");
	}

	@Test
	void stateWhenStoredTokenLacksScopesThenMissingScopes() {
		long token = token(this.administrator, SCOPES, today().plusDays(100));
		set(token);

		// No API narrows a token; a token stored by an older version could lack a scope.
		this.jdbc.sql("update personal_access_tokens set scopes = 'profile:read work_items:read' where id = :id")
			.param("id", token)
			.update();

		assertThat(status().get("State").asString()).isEqualTo("MISSING_SCOPES");
	}

	@Test
	void setWhenNotAdministratorOrNotOwnOrIneligibleTokenThenRefusedAndNothingChanges() {
		TestUser user = TestUsers.user(admin(), "plain");
		long own = token(user, SCOPES, today().plusDays(100));
		long administrators = token(this.administrator, SCOPES, today().plusDays(100));
		long narrow = token(this.administrator, "[\"profile:read\"]", today().plusDays(100));

		assertThat(client(user).postJson("/api/v1/ServiceAccount", "{\"AccessToken\": {\"Id\": " + own + "}}").status())
			.isEqualTo(403);
		assertThat(client(user).get("/api/v1/ServiceAccount/status").status()).isEqualTo(403);
		assertThat(admin().json()
			.postJson("/api/v1/ServiceAccount", "{\"AccessToken\": {\"Id\": " + administrators + "}}")
			.status()).as("another administrator's token").isEqualTo(403);
		ApiResponse narrowed = client(this.administrator).postJson("/api/v1/ServiceAccount",
				"{\"AccessToken\": {\"Id\": " + narrow + "}}");
		assertThat(narrowed.status()).isEqualTo(400);
		assertThat(narrowed.json().get("Message").asString()).contains("work_items:write");
		assertThat(client(this.administrator).postJson("/api/v1/ServiceAccount", "{}").status()).isEqualTo(400);
		assertThat(status().get("State").asString()).isEqualTo("NOT_CONFIGURED");
	}

	@Test
	void pageWhenSetMyselfWithANewTokenThenHealthyAndDoNotUseRemovesIt() {
		ApiClient browser = signIn(this.administrator);
		String page = "/settings/reporting-and-api";
		assertThat(browser.get(page).body()).contains("NOT_CONFIGURED")
			.contains("<code id=\"reporting-root\">http://localhost:" + this.port + "/odata</code>");

		ApiResponse set = browser.submitForm(page + "/service-account", csrf(browser, page), Map.of());
		assertThat(set.status()).isEqualTo(302);
		String shown = browser.get(page).body();
		assertThat(shown).contains("You are now the service account")
			.contains("HEALTHY")
			.contains(this.administrator.login());
		JsonNode tokens = client(this.administrator)
			.get("/api/v1/AccessTokens?orderByDesc=Id&where=(User.Id%20eq%20" + this.administrator.id() + ")")
			.json()
			.get("Items");
		assertThat(tokens.get(0).get("Name").asString()).isEqualTo("Service account");
		assertThat(tokens.get(0).get("Scopes")).as("the required four, and time for the timers").hasSize(6);

		browser.submitForm(page + "/service-account/delete", csrf(browser, page), Map.of());
		assertThat(status().get("State").asString()).isEqualTo("NOT_CONFIGURED");
		TestUser user = TestUsers.user(admin(), "plain");
		assertThat(signIn(user).get(page).status()).isEqualTo(403);
	}

	private void set(long token) {
		ApiResponse set = client(this.administrator).postJson("/api/v1/ServiceAccount",
				"{\"AccessToken\": {\"Id\": " + token + "}}");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
	}

	private long token(TestUser owner, String scopes, LocalDate expiry) {
		ApiResponse created = client(owner).postJson("/api/v1/AccessTokens",
				"{\"Name\": \"reports\", \"Scopes\": " + scopes + ", \"ExpirationDate\": \"" + expiry + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Id").asLong();
	}

	private JsonNode status() {
		ApiResponse status = admin().json().get("/api/v1/ServiceAccount/status");
		assertThat(status.status()).isEqualTo(200);
		return status.json();
	}

	private ApiClient client(TestUser user) {
		return user.client(anonymous()).json();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
