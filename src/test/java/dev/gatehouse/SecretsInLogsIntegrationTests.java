package dev.gatehouse;

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
			.doesNotContain("gpat_" + personal.substring(5, 9));
	}

}
