package dev.gatehouse.pairing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairing an app with the device grant (RFC 8628), through its real endpoints and the
 * pairing page: the metadata names the endpoints, the app polls, the user approves or
 * denies in person, the app collects one personal access token named after the device.
 */
class DevicePairingIntegrationTests extends IntegrationTestSupport {

	private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	private TestUser user;

	private ApiClient app;

	@BeforeEach
	void userAndApp() {
		this.user = TestUsers.user(admin(), "pairing");
		this.app = anonymous();
	}

	@AfterEach
	void backToNow() {
		this.clock.reset();
	}

	@Test
	void metadataWhenFetchedThenNamesTheDeviceGrantEndpoints() {
		ApiResponse metadata = anonymous().get("/.well-known/oauth-authorization-server");

		assertThat(metadata.status()).isEqualTo(200);
		JsonNode json = metadata.json();
		String issuer = json.get("issuer").asString();
		assertThat(issuer).startsWith("http://");
		assertThat(json.get("device_authorization_endpoint").asString())
			.isEqualTo(issuer + "/api/oauth2/device_authorization");
		assertThat(json.get("token_endpoint").asString()).isEqualTo(issuer + "/api/oauth2/token");
		assertThat(json.get("grant_types_supported").get(0).asString()).isEqualTo(GRANT);
		assertThat(json.get("token_endpoint_auth_methods_supported").get(0).asString()).isEqualTo("none");
		assertThat(json.get("scopes_supported").toString()).contains("time:write");
	}

	@Test
	void appWhenApprovedThenCollectsOneTokenNamedAfterTheDeviceListedAsAPairedApp() {
		JsonNode codes = authorize("client_id=timer.py&device_name=" + encode("Ada's laptop") + "&scope="
				+ encode("profile:read time:read time:write"))
			.json();
		assertThat(codes.get("user_code").asString()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
		assertThat(codes.get("verification_uri").asString()).endsWith("/pair");
		assertThat(codes.get("verification_uri_complete").asString())
			.endsWith("/pair?code=" + codes.get("user_code").asString());
		assertThat(codes.get("expires_in").asInt()).isEqualTo(600);
		assertThat(codes.get("interval").asInt()).isEqualTo(5);
		String deviceCode = codes.get("device_code").asString();

		assertThat(error(poll(deviceCode, "timer.py"))).isEqualTo("authorization_pending");
		ApiResponse tooSoon = poll(deviceCode, "timer.py");
		assertThat(error(tooSoon)).isEqualTo("slow_down");
		assertThat(tooSoon.header("Cache-Control")).hasValue("no-store");

		ApiClient browser = signIn(this.user);
		String typed = codes.get("user_code").asString().toLowerCase().replace("-", " ");
		ApiResponse page = browser.get("/pair?code=" + encode(typed));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"pairing-request\"")
			.contains("timer.py")
			.contains("Ada&#39;s laptop")
			.contains("time:write")
			.doesNotContain("work_items:read</code>");
		assertThat(browser
			.submitForm("/pair/approve", ApiClient.csrfToken(page), Map.of("code", codes.get("user_code").asString()))
			.status()).isEqualTo(302);
		assertThat(browser.get("/pair").body()).contains("Approved: timer.py");

		this.clock.advance(Duration.ofSeconds(11));
		ApiResponse collected = poll(deviceCode, "timer.py");

		assertThat(collected.status()).as(collected.body()).isEqualTo(200);
		assertThat(collected.header("Cache-Control")).hasValue("no-store");
		JsonNode token = collected.json();
		assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(token.get("scope").asString()).isEqualTo("profile:read time:read time:write");
		assertThat(token.get("expires_in").asLong()).isPositive();
		String value = token.get("access_token").asString();
		assertThat(value).startsWith("gpat_");
		ApiClient paired = anonymous().json().bearer(value);
		assertThat(paired.get("/api/v1/Users/LoggedUser").json().get("Login").asString()).isEqualTo(this.user.login());
		assertThat(paired.get("/api/v1/Projects").status()).as("only what was approved").isEqualTo(403);
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(error(poll(deviceCode, "timer.py"))).as("a device code yields one token").isEqualTo("invalid_grant");
		assertThat(browser.get("/settings/authentication-and-security").body())
			.contains("Paired app: timer.py on Ada&#39;s laptop");
		JsonNode listed = this.user.client(anonymous()).json().get("/api/v1/AccessTokens").json().get("Items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("Name").asString()).isEqualTo("timer.py on Ada's laptop");

		assertThat(this.user.client(anonymous())
			.delete("/api/v1/AccessTokens/" + listed.get(0).get("Id").asLong())
			.status()).isEqualTo(204);
		assertThat(paired.get("/api/v1/Users/LoggedUser").status()).as("revocable like any other").isEqualTo(401);
	}

	@Test
	void appWhenDeniedThenAccessDeniedAndNoToken() {
		JsonNode codes = authorize("client_id=timer.py").json();
		ApiClient browser = signIn(this.user);
		String csrf = csrf(browser, "/pair?code=" + codes.get("user_code").asString());

		assertThat(browser.submitForm("/pair/deny", csrf, Map.of("code", codes.get("user_code").asString())).status())
			.isEqualTo(302);

		assertThat(error(poll(codes.get("device_code").asString(), "timer.py"))).isEqualTo("access_denied");
		assertThat(browser
			.submitForm("/pair/approve", csrf(browser, "/pair"), Map.of("code", codes.get("user_code").asString()))
			.status()).isEqualTo(302);
		assertThat(browser.get("/pair").body()).as("answered once").contains("No app is waiting with that code");
		assertThat(this.user.client(anonymous()).json().get("/api/v1/AccessTokens").json().get("Items")).isEmpty();
	}

	@Test
	void codeWhenTenMinutesPassedThenExpiredForTheAppAndUnknownToThePage() {
		JsonNode codes = authorize("client_id=timer.py").json();
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

		assertThat(error(poll(codes.get("device_code").asString(), "timer.py"))).isEqualTo("expired_token");
		assertThat(signIn(this.user).get("/pair?code=" + codes.get("user_code").asString()).body())
			.contains("No app is waiting with that code")
			.doesNotContain("id=\"approve\"");
	}

	@Test
	void approvalWhenTheUserIsDeactivatedBeforeTheAppCollectsThenAccessDenied() {
		JsonNode codes = authorize("client_id=timer.py").json();
		ApiClient browser = signIn(this.user);
		browser.submitForm("/pair/approve", csrf(browser, "/pair?code=" + codes.get("user_code").asString()),
				Map.of("code", codes.get("user_code").asString()));

		admin().postJson("/api/v1/Users/" + this.user.id(), "{\"IsActive\": false}");

		assertThat(error(poll(codes.get("device_code").asString(), "timer.py"))).isEqualTo("access_denied");
	}

	@Test
	void appWhenThePolicyRequiresAnExpiryDateThenGetsTheLongestThePolicyAllows() {
		assertThat(admin().json()
			.postJson("/api/v1/Settings", "{\"TokenExpiryRequired\": true, \"TokenMaxLifetimeDays\": 30}")
			.status()).isEqualTo(200);
		try {
			JsonNode codes = authorize("client_id=timer.py").json();
			ApiClient browser = signIn(this.user);
			browser.submitForm("/pair/approve", csrf(browser, "/pair?code=" + codes.get("user_code").asString()),
					Map.of("code", codes.get("user_code").asString()));

			ApiResponse collected = poll(codes.get("device_code").asString(), "timer.py");

			assertThat(collected.status()).as(collected.body()).isEqualTo(200);
			assertThat(collected.json().get("expires_in").asLong()).isBetween(30L * 86_400, 31L * 86_400);
		}
		finally {
			admin().json()
				.postJson("/api/v1/Settings", "{\"TokenExpiryRequired\": false, \"TokenMaxLifetimeDays\": 365}");
		}
	}

	@Test
	void codeRequestsWhenTooManyFromOneAddressThenRefusedWithRetryAfterInJson() {
		ApiClient flooding = anonymous();
		for (int i = 0; i < 10; i++) {
			assertThat(flooding
				.post("/api/oauth2/device_authorization", "application/x-www-form-urlencoded", "client_id=flood")
				.status()).isEqualTo(200);
		}

		ApiResponse refused = flooding.post("/api/oauth2/device_authorization", "application/x-www-form-urlencoded",
				"client_id=flood");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isPresent();
		assertThat(refused.json().get("error").asString()).isEqualTo("slow_down");
		assertThat(anonymous()
			.post("/api/oauth2/device_authorization", "application/x-www-form-urlencoded", "client_id=other")
			.status()).as("another address is not refused").isEqualTo(200);
	}

	@Test
	void badRequestsWhenSentThenOAuthErrorsAndNothingIssued() {
		assertThat(error(authorize(""))).isEqualTo("invalid_request");
		assertThat(error(authorize("client_id=" + encode("<script>")))).isEqualTo("invalid_request");
		assertThat(error(authorize("client_id=a&client_id=b"))).isEqualTo("invalid_request");
		assertThat(error(authorize("client_id=app&scope=everything"))).isEqualTo("invalid_scope");
		assertThat(error(authorize("client_id=app&device_name=" + encode("two\nlines")))).isEqualTo("invalid_request");
		JsonNode codes = authorize("client_id=timer.py").json();
		assertThat(error(this.app.post("/api/oauth2/token", "application/x-www-form-urlencoded",
				"grant_type=password&username=a&password=b")))
			.isEqualTo("unsupported_grant_type");
		assertThat(error(this.app.post("/api/oauth2/token", "application/x-www-form-urlencoded", "")))
			.isEqualTo("invalid_request");
		assertThat(error(poll(codes.get("device_code").asString(), "another-app"))).isEqualTo("invalid_grant");
		assertThat(error(poll("made-up", "timer.py"))).isEqualTo("invalid_grant");
		assertThat(this.app.post("/api/oauth2/token", "application/json", "{}").status()).isEqualTo(415);
	}

	@Test
	void pairingPageWhenRequesterOrNoTokenPermissionThenRefused() {
		TestUser requester = TestUsers.requester(admin(), "pairreq");
		long role = TestUsers.role(admin(), "NoTokens");
		TestUser noTokens = TestUsers.withRole(admin(), "pairnotok", role);
		String code = authorize("client_id=timer.py").json().get("user_code").asString();

		assertThat(signIn(requester).get("/pair?code=" + code).status()).isEqualTo(403);
		assertThat(signIn(noTokens).get("/pair").status()).isEqualTo(403);
		assertThat(signIn(noTokens).get("/pair?code=" + code).status()).isEqualTo(403);
		assertThat(anonymous().get("/pair?code=" + code).status()).as("sign in first").isEqualTo(302);
	}

	@Test
	void codesWhenGuessedThenLimitedPerUser() {
		ApiClient browser = signIn(this.user);
		for (int i = 0; i < 10; i++) {
			assertThat(browser.get("/pair?code=BBBB-BBB" + "CDFGHJKLMN".charAt(i)).body())
				.contains("No app is waiting with that code");
		}

		assertThat(browser.get("/pair?code=BBBB-BBBP").body()).contains("Too many codes typed");
	}

	private ApiResponse authorize(String form) {
		return this.app.post("/api/oauth2/device_authorization", "application/x-www-form-urlencoded", form);
	}

	private ApiResponse poll(String deviceCode, String clientId) {
		return this.app.post("/api/oauth2/token", "application/x-www-form-urlencoded", "grant_type=" + encode(GRANT)
				+ "&device_code=" + encode(deviceCode) + "&client_id=" + encode(clientId));
	}

	private static String error(ApiResponse response) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		return response.json().get("error").asString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
