package dev.gatehouse.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestServiceAccounts;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 in a real browser: pairing an app (approve, and deny) on the pairing page, the
 * paired app on My access tokens, and a timer on the Times page counting live.
 */
class PairingBrowserIntegrationTests extends BrowserTestSupport {

	private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	@Test
	void appWhenApprovedOnThePairingPageThenCollectsItsTokenListedAsAPairedApp() {
		TestUser user = TestUsers.user(admin(), "browserpair");
		ApiClient app = anonymous();
		JsonNode codes = authorize(app, "Ada's laptop");
		signInAs(user.login(), user.password());

		open("/pair?code=" + codes.get("user_code").asString());

		assertThat(find("#pairing-app").getText()).isEqualTo("timer.py");
		assertThat(find("#pairing-device").getText()).isEqualTo("Ada's laptop");
		assertThat(find("#pairing-scopes").getText()).contains("time:write").doesNotContain("admin");
		screenshot("pair-an-app");
		find("#approve").click();
		assertThat(await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.success"))).getText())
			.contains("Approved: timer.py");

		ApiResponse collected = poll(app, codes);
		assertThat(collected.status()).as(collected.body()).isEqualTo(200);
		open("/settings/authentication-and-security");
		assertThat(find(".paired-app").getText()).isEqualTo("Paired app: timer.py on Ada's laptop");
		screenshot("paired-app");
	}

	@Test
	void appWhenDeniedOnThePairingPageThenGetsNoToken() {
		TestUser user = TestUsers.user(admin(), "browserdeny");
		ApiClient app = anonymous();
		JsonNode codes = authorize(app, "unknown device");
		signInAs(user.login(), user.password());
		open("/pair");

		find("#code").sendKeys(codes.get("user_code").asString().toLowerCase());
		find("#code-form button[type=submit]").click();
		await(ExpectedConditions.visibilityOfElementLocated(By.id("deny"))).click();

		assertThat(await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.success"))).getText())
			.contains("Denied: timer.py gets no token");
		ApiResponse refused = poll(app, codes);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("error").asString()).isEqualTo("access_denied");
	}

	@Test
	void timerWhenStartedOnTheTimesPageThenCountsLiveAndStops() {
		String key = TestProjects.project(admin());
		TestProjects.story(admin(), key, "Quarterly report");
		TestUser user = TestUsers.user(admin(), "browsertimer");
		TestProjects.member(admin(), key, user.id());
		TestServiceAccounts.set(admin(), anonymous(), LocalDate.now(ZoneOffset.UTC));
		try {
			signInAs(user.login(), user.password());
			open("/times");
			find("#timerDescription").sendKeys("Quarterly figures");
			find("#start-timer").click();

			String first = await(ExpectedConditions.visibilityOfElementLocated(By.id("timer-elapsed"))).getText();
			this.waiting.withTimeout(Duration.ofSeconds(5))
				.until((driver) -> !driver.findElement(By.id("timer-elapsed")).getText().equals(first));
			assertThat(find("#running-timer").getText()).contains("Quarterly report").contains("Quarterly figures");
			screenshot("timer-running");
			find("#stop-timer").click();

			assertThat(
					await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.success"))).getText())
				.contains("Timer stopped: logged 0.01 hours");
		}
		finally {
			admin().delete("/api/v1/ServiceAccount");
		}
	}

	private static JsonNode authorize(ApiClient app, String device) {
		ApiResponse codes = app.post("/api/oauth2/device_authorization", "application/x-www-form-urlencoded",
				"client_id=timer.py&device_name=" + URLEncoder.encode(device, StandardCharsets.UTF_8)
						+ "&scope=profile%3Aread+time%3Aread+time%3Awrite");
		assertThat(codes.status()).as(codes.body()).isEqualTo(200);
		return codes.json();
	}

	private static ApiResponse poll(ApiClient app, JsonNode codes) {
		return app.post("/api/oauth2/token", "application/x-www-form-urlencoded",
				"grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8) + "&client_id=timer.py&device_code="
						+ codes.get("device_code").asString());
	}

}
