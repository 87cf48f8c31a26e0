package dev.gatehouse.settings;

import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/Settings}: administrators only.
 */
class SettingsApiIntegrationTests extends IntegrationTestSupport {

	@Test
	void settingsWhenAdministratorThenReadable() {
		ApiResponse settings = admin().json().get("/api/v1/Settings");

		assertThat(settings.status()).isEqualTo(200);
		assertThat(settings.json().get("LoginFormEnabled").asBoolean()).isTrue();
	}

	@Test
	void settingsWhenNotAdministratorThenForbidden() {
		TestUser user = TestUsers.user(admin(), "settings");

		assertThat(user.client(anonymous()).get("/api/v1/Settings").status()).isEqualTo(403);
		assertThat(user.client(anonymous()).postJson("/api/v1/Settings", "{\"LoginFormEnabled\": false}").status())
			.isEqualTo(403);
		assertThat(admin().json().get("/api/v1/Settings").json().get("LoginFormEnabled").asBoolean()).isTrue();
	}

	@Test
	void settingsWhenUnknownFieldThenBadRequest() {
		ApiResponse response = admin().json().postJson("/api/v1/Settings", "{\"Colour\": \"blue\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("Message").asString()).contains("Colour");
	}

}
