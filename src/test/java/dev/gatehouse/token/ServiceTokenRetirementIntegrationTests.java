package dev.gatehouse.token;

import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestWebhookReceiver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retiring legacy service tokens (issue 16): their use is recorded per user, address and
 * client; administrators see who still uses them and from where; a password change warns
 * of the integrations it breaks; and an administrator can switch them off.
 */
class ServiceTokenRetirementIntegrationTests extends IntegrationTestSupport {

	private static final String SETTINGS = "/api/v1/Settings/ServiceTokens";

	@Test
	void usesWhenServiceTokenUsedFromTwoIntegrationsThenListedAndAPasswordChangeWarnsOfBoth() {
		TestUser user = TestUsers.user(admin(), "legacy");
		String service = TestProjects.serviceToken(user.client(anonymous()));
		anonymous().from("10.9.8.7").header("User-Agent", "Excel/16.0").get("/api/v1/Projects?token=" + service);
		anonymous().from("10.9.8.7").header("User-Agent", "Excel/16.0").get("/api/v1/Projects?token=" + service);
		anonymous().from("10.9.8.8").header("User-Agent", "nightly.sh").get("/api/v1/Projects?token=" + service);

		// Written in a batch within a second (the test server's flush interval).
		long deadline = System.nanoTime() + 10_000_000_000L;
		JsonNode uses = admin().json().get(SETTINGS).json();
		while (lines(uses, user).split(";").length < 2 && System.nanoTime() < deadline) {
			TestWebhookReceiver.pause();
			uses = admin().json().get(SETTINGS).json();
		}

		assertThat(uses.get("Enabled").asBoolean()).isTrue();
		assertThat(lines(uses, user)).contains("10.9.8.7 Excel/16.0 2;").contains("10.9.8.8 nightly.sh 1;");
		assertThat(uses.toString()).doesNotContain(service);
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		assertThat(browser.get("/admin/service-tokens").body()).contains(user.login()).contains("nightly.sh");
		String userPage = "/admin/users/" + user.id();
		assertThat(browser.get(userPage).body()).contains("2 integrations used this user&#39;s service token");
		browser.submitForm(userPage + "/password", csrf(browser, userPage), Map.of("password", "a-new-password-123"));
		assertThat(browser.get(userPage).body())
			.contains("2 integrations used the old service token in the last 30 days: they no longer work");
		assertThat(anonymous().get("/api/v1/Projects?token=" + service).status()).isEqualTo(401);
	}

	private static String lines(JsonNode uses, TestUser user) {
		StringBuilder lines = new StringBuilder();
		uses.get("Uses").forEach((use) -> {
			if (use.get("User").get("Login").asString().equals(user.login())) {
				lines.append(use.get("Address").asString())
					.append(' ')
					.append(use.get("Client").asString())
					.append(' ')
					.append(use.get("Count").asLong())
					.append(';');
			}
		});
		return lines.toString();
	}

	@Test
	void serviceTokensWhenSwitchedOffThenRefusedNamingPersonalAccessTokensAndNoneIssued() {
		TestUser user = TestUsers.user(admin(), "switched");
		String service = TestProjects.serviceToken(user.client(anonymous()));
		String personal = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"instead\"}");
		try {
			ApiResponse off = admin().json().postJson(SETTINGS, "{\"Enabled\": false}");
			assertThat(off.status()).as(off.body()).isEqualTo(200);
			assertThat(off.json().get("Enabled").asBoolean()).isFalse();

			ApiResponse refused = anonymous().json().get("/api/v1/Users/LoggedUser?token=" + service);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.json().get("Message").asString()).contains("personal access token");
			ApiResponse notIssued = user.client(anonymous()).json().get("/api/v1/Authentication");
			assertThat(notIssued.status()).isEqualTo(403);
			assertThat(notIssued.json().get("Message").asString()).contains("personal access token");
			assertThat(anonymous().bearer(personal).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
		}
		finally {
			assertThat(admin().json().postJson(SETTINGS, "{\"Enabled\": true}").status()).isEqualTo(200);
		}
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + service).status()).isEqualTo(200);
	}

	@Test
	void switchWhenNoValueOrNotAnAdministratorThenRefused() {
		assertThat(admin().json().postJson(SETTINGS, "{}").status()).isEqualTo(400);
		assertThat(TestUsers.user(admin(), "noswitch")
			.client(anonymous())
			.json()
			.postJson(SETTINGS, "{\"Enabled\": false}")
			.status()).isEqualTo(403);
		assertThat(TestUsers.user(admin(), "nouses").client(anonymous()).json().get(SETTINGS).status()).isEqualTo(403);
	}

}
