package dev.gatehouse.browser;

import java.time.Duration;

import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token lifecycle in a real browser (issue 16): rotating from the list, the token's
 * usage log, the notice of a reused value, and the administrators' look-up.
 */
class TokenLifecycleBrowserIntegrationTests extends BrowserTestSupport {

	@Test
	void rotateThenUsageLogThenReuseNoticeThenLookUp() {
		TestUser user = TestUsers.user(admin(), "lifecycle");
		String old = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"Excel report\"}");
		long id = TestProjects.firstTokenId(user.client(anonymous()));
		anonymous().from("10.20.30.40")
			.header("User-Agent", "Microsoft Office/16.0")
			.basic("", old)
			.get("/api/v1/Projects");
		anonymous().from("10.20.30.41").bearer(old).get("/api/v1/Users/LoggedUser");
		signInAs(user.login(), user.password());
		open("/settings/authentication-and-security");

		find("button[aria-label='Rotate token Excel report']").click();

		String value = await(ExpectedConditions.visibilityOfElementLocated(By.id("new-token"))).getAttribute("value");
		assertThat(value).startsWith("gpat_").isNotEqualTo(old);
		assertThat(find("#rotation-overlap").getText()).contains("keeps working until");
		screenshot("personal-access-token-rotated");

		open("/settings/authentication-and-security/access-tokens/" + id);
		this.waiting.withTimeout(Duration.ofSeconds(15)).until((driver) -> {
			driver.navigate().refresh();
			return driver.getPageSource().contains("usage-log") && driver.getPageSource().contains("10.20.30.41");
		});
		assertThat(find("#usage-log").getText()).contains("HTTP Basic").contains("Bearer header");
		screenshot("personal-access-token-usage-log");

		anonymous().bearer(value).get("/api/v1/Users/LoggedUser");
		try {
			this.clock.advance(Duration.ofMinutes(2));
			anonymous().from("198.51.100.23").bearer(old).get("/api/v1/Users/LoggedUser");
		}
		finally {
			this.clock.reset();
		}
		open("/notices");
		assertThat(find("main").getText()).contains("Gatehouse revoked your token").contains("198.51.100.23");
		screenshot("notices");

		find(".sign-out button").click();
		await(ExpectedConditions.urlContains("/login"));
		signInAs("admin", ADMIN_PASSWORD);
		String other = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"found on a wiki\"}");
		open("/admin/access-tokens");
		find("#value").sendKeys(other);
		find("#lookup-heading ~ form button[type=submit]").click();
		assertThat(await(ExpectedConditions.visibilityOfElementLocated(By.id("lookup-result"))).getText())
			.contains(user.login())
			.contains("found on a wiki");
		screenshot("token-lookup");

		String service = TestProjects.serviceToken(user.client(anonymous()));
		anonymous().from("10.20.30.50").header("User-Agent", "Excel/16.0").get("/api/v1/Projects?token=" + service);
		open("/admin/service-tokens");
		this.waiting.until((driver) -> {
			driver.navigate().refresh();
			return driver.getPageSource().contains("service-token-uses");
		});
		assertThat(find("#service-token-uses").getText()).contains(user.login()).contains("Excel/16.0");
		screenshot("service-tokens");

		open("/admin/webhooks");
		find("#url").sendKeys("http://127.0.0.1:9/gatehouse-hooks");
		find("#add-heading ~ form button[type=submit]").click();
		assertThat(await(ExpectedConditions.visibilityOfElementLocated(By.id("secret"))).getAttribute("value"))
			.startsWith("whsec_");
		screenshot("webhooks");
	}

}
