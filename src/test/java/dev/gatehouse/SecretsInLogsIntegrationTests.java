package dev.gatehouse;

import java.util.Map;

import dev.gatehouse.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens, passwords and {@code Authorization} headers never reach the log (SPEC §2.7),
 * even with Spring Security's own logging turned up to DEBUG.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private LoggingSystem logging;

	@Test
	void requestsWhenCarryingSecretsThenNoneIsLogged(CapturedOutput output) {
		TestUser user = TestUsers.user(admin(), "secret");
		String personal = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"logs\"}");
		String service = user.client(anonymous()).get("/api/v1/Authentication").xpath("/Authentication/@Token");
		String mistyped = personal.substring(0, personal.length() - 1) + "0";
		String[] paired = { "", "" };
		this.logging.setLogLevel("org.springframework.security", LogLevel.TRACE);
		this.logging.setLogLevel("dev.gatehouse", LogLevel.TRACE);
		try {
			anonymous().header("Authorization", "Bearer " + personal).get("/api/v1/Users/LoggedUser");
			anonymous().get("/api/v1/Users/LoggedUser?access_token=" + personal);
			anonymous().basic("", personal).get("/api/v1/Users/LoggedUser");
			anonymous().get("/api/v1/Users/LoggedUser?token=" + service);
			anonymous().header("Authorization", "Bearer " + mistyped).get("/api/v1/Users/LoggedUser");
			user.client(anonymous()).get("/api/v1/Users/LoggedUser");
			anonymous().basic(user.login(), "a-wrong-password-for-logs").get("/api/v1/Users/LoggedUser");
			anonymous().signIn(user.login(), "another-wrong-password");
			user.client(anonymous()).json().postJson("/api/v1/AccessTokens", "{\"Name\": \"second\"}");
			paired = pair(user);
		}
		finally {
			this.logging.setLogLevel("org.springframework.security", null);
			this.logging.setLogLevel("dev.gatehouse", null);
		}

		String log = output.getAll();
		assertThat(log).as("the requests were logged at all").contains("Securing GET /api/v1/Users/LoggedUser");
		assertThat(log).doesNotContain(personal)
			.doesNotContain(personal.substring(5, 25))
			.doesNotContain(service)
			.doesNotContain(mistyped)
			.doesNotContain(TestUsers.PASSWORD)
			.doesNotContain("a-wrong-password-for-logs")
			.doesNotContain("another-wrong-password")
			.doesNotContain("Basic ")
			.doesNotContain("gpat_" + personal.substring(5, 9))
			.as("a paired app's device code and token")
			.doesNotContain(paired[0])
			.doesNotContain(paired[1]);
	}

	/**
	 * Pairs an app for the user through the device grant.
	 * @return the device code and the token the app collected
	 */
	private String[] pair(TestUser user) {
		ApiClient app = anonymous();
		ApiResponse codes = app.post("/api/oauth2/device_authorization", "application/x-www-form-urlencoded",
				"client_id=logs");
		String deviceCode = codes.json().get("device_code").asString();
		String userCode = codes.json().get("user_code").asString();
		ApiClient browser = signIn(user);
		browser.submitForm("/pair/approve", csrf(browser, "/pair?code=" + userCode), Map.of("code", userCode));
		ApiResponse collected = app.post("/api/oauth2/token", "application/x-www-form-urlencoded",
				"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=logs&device_code="
						+ deviceCode);
		assertThat(collected.status()).as(collected.body()).isEqualTo(200);
		return new String[] { deviceCode, collected.json().get("access_token").asString() };
	}

}
