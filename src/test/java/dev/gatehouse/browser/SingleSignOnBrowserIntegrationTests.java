package dev.gatehouse.browser;

import java.util.Map;

import dev.gatehouse.ApiResponse;
import openid.TestOpenIdProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in a real browser: the login page's button, the provider's own page,
 * back to Gatehouse signed in; the administrator's page for providers; the login form
 * switched off.
 */
class SingleSignOnBrowserIntegrationTests extends BrowserTestSupport {

	private static TestOpenIdProvider.Running provider;

	@BeforeAll
	static void startProvider() {
		provider = TestOpenIdProvider.shared();
	}

	@Test
	void signInWithProviderThenHomeThenSignOut() {
		String registrationId = addProvider("Acme identity");
		String name = unique("carol");
		provider.addUser(name, "provider-password",
				Map.of("preferred_username", name, "email", name + "@example.test", "email_verified", true));

		open("/login");
		screenshot("login-single-sign-on");
		this.browser.findElement(By.linkText("Sign in with Acme identity")).click();
		await(ExpectedConditions.urlContains(provider.issuer() + "/login"));
		find("#username").sendKeys(name);
		find("#password").sendKeys("provider-password");
		find("button[type=submit]").click();

		await(ExpectedConditions.urlToBe("http://localhost:" + this.port + "/"));
		assertThat(find("h1").getText()).startsWith("Welcome");
		assertThat(find(".sign-out").getText()).contains(name);
		// Signed out of Gatehouse, then of the provider, and back to Gatehouse's login
		// page.
		find(".sign-out button").click();
		await(ExpectedConditions.urlToBe("http://localhost:" + this.port + "/login?logout"));
		open("/");
		assertThat(this.browser.getCurrentUrl()).as("the session is over").contains("/login");
		deleteProvider(registrationId);
	}

	@Test
	void singleSignOnPageWhenProviderAddedThenListedWithItsRedirectUri() {
		signInAs("admin", ADMIN_PASSWORD);
		open("/admin/settings/single-sign-on");
		String registrationId = unique("page").toLowerCase().replaceAll("[^a-z0-9-]", "-");
		find("#displayName").sendKeys("Keycloak");
		find("#issuer").sendKeys(provider.issuer());
		find("#clientId").sendKeys("gatehouse");
		find("#clientSecret").sendKeys("page-secret-" + registrationId);
		find("#registrationId").sendKeys(registrationId);
		find("form fieldset button[type=submit]").click();

		await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
				"Identity provider added"));
		assertThat(this.browser.getPageSource())
			.contains("http://localhost:" + this.port + "/login/oauth2/code/" + registrationId)
			.doesNotContain("page-secret-" + registrationId);
		screenshot("single-sign-on-settings");
		deleteProvider(registrationId);
	}

	@Test
	void loginFormWhenOffThenOnlyProvidersAndBasicRefused() {
		String registrationId = addProvider("Only way in");
		String token = adminToken();
		try {
			assertThat(anonymous().bearer(token)
				.json()
				.postJson("/api/v1/Settings", "{\"LoginFormEnabled\": false}")
				.status()).isEqualTo(200);
			open("/login");
			assertThat(this.browser.findElements(By.id("password"))).as("no password form").isEmpty();
			assertThat(this.browser.findElement(By.linkText("Sign in with Only way in")).isDisplayed()).isTrue();
			assertThat(admin().get("/api/v1/Users/LoggedUser").status()).as("Basic").isEqualTo(401);
			assertThat(anonymous().bearer(token).get("/api/v1/Users/LoggedUser").status()).as("a token").isEqualTo(200);
		}
		finally {
			anonymous().bearer(token).json().postJson("/api/v1/Settings", "{\"LoginFormEnabled\": true}");
			deleteProvider(registrationId);
		}
	}

	private String adminToken() {
		ApiResponse created = admin().json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"" + unique("sso-admin") + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Token").asString();
	}

	private String addProvider(String displayName) {
		String registrationId = unique("browser").toLowerCase().replaceAll("[^a-z0-9-]", "-");
		String clientId = "gatehouse-" + registrationId;
		provider.addClient(clientId, "secret-" + registrationId, "/login/oauth2/code/" + registrationId,
				"http://localhost:" + this.port + "/login/oauth2/code/" + registrationId);
		provider.allowSignOutTo(clientId, "http://localhost:" + this.port + "/login?logout");
		ApiResponse added = admin().json()
			.postJson("/api/v1/Settings/IdentityProviders",
					"{\"DisplayName\": \"" + displayName + "\", \"Issuer\": \"" + provider.issuer()
							+ "\", \"ClientId\": \"" + clientId + "\", \"ClientSecret\": \"secret-" + registrationId
							+ "\", \"RegistrationId\": \"" + registrationId + "\"}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		return registrationId;
	}

	private void deleteProvider(String registrationId) {
		ApiResponse list = admin().json().get("/api/v1/Settings/IdentityProviders");
		list.json().get("Items").forEach((item) -> {
			if (registrationId.equals(item.get("RegistrationId").asString())) {
				admin().delete("/api/v1/Settings/IdentityProviders/" + item.get("Id").asLong());
			}
		});
	}

}
