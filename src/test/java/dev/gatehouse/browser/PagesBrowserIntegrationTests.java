package dev.gatehouse.browser;

import dev.gatehouse.TestUsers;
import dev.gatehouse.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in and out, and a personal access token that is shown exactly once, in a real
 * browser.
 */
class PagesBrowserIntegrationTests extends BrowserTestSupport {

	@Test
	void signInThenHomeSignOutThenLoginPage() {
		open("/");
		assertThat(this.browser.getCurrentUrl()).contains("/login");
		screenshot("login");

		signInAs("admin", ADMIN_PASSWORD);
		assertThat(find("h1").getText()).startsWith("Welcome");
		screenshot("home");

		find(".sign-out button").click();
		await(ExpectedConditions.urlContains("/login"));
		assertThat(this.browser.getPageSource()).contains("signed out");
		open("/");
		assertThat(this.browser.getCurrentUrl()).as("the session is over").contains("/login");
	}

	@Test
	void signInWhenWrongPasswordThenErrorAndStillSignedOut() {
		TestUser user = TestUsers.user(admin(), "browser");
		open("/login");
		find("#username").sendKeys(user.login());
		find("#password").sendKeys("not-the-password");
		find("main button[type=submit]").click();

		await(ExpectedConditions.urlContains("/login?error"));
		assertThat(find("[role=alert]").getText()).isNotBlank();
	}

	@Test
	void personalAccessTokenWhenCreatedThenShownOnceThenNeverAgain() {
		TestUser user = TestUsers.user(admin(), "browser");
		signInAs(user.login(), user.password());
		open("/settings/authentication-and-security");

		find("#name").sendKeys("Excel report");
		find("#create-heading ~ form button[type=submit]").click();

		String value = await(ExpectedConditions.visibilityOfElementLocated(By.id("new-token"))).getAttribute("value");
		assertThat(value).startsWith("gpat_");
		assertThat(this.browser.getPageSource()).contains("shown only this once");
		screenshot("personal-access-token-created");

		open("/settings/authentication-and-security");
		assertThat(this.browser.findElements(By.id("new-token"))).isEmpty();
		assertThat(this.browser.getPageSource()).doesNotContain(value).contains("Excel report");
	}

}
