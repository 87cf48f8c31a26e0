package dev.gatehouse.browser;

import dev.gatehouse.ApiResponse;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service account from an administrator's browser, and what a user with restricted
 * project access then sees on the <i>Budgets</i> page (SPEC §6.1, §6.3–6.5).
 */
class ReportingBrowserIntegrationTests extends BrowserTestSupport {

	private TestUser user;

	private long otherStory;

	private long otherBudget;

	@BeforeEach
	void restrictedUserAndAnotherProjectsBudget() {
		admin().delete("/api/v1/ServiceAccount");
		String own = project();
		String other = project();
		this.user = TestUsers.user(admin(), "restricted");
		assertThat(admin().json()
			.postJson("/api/v1/Projects/" + own + "/Members", "{\"User\": {\"Id\": " + this.user.id() + "}}")
			.status()).isEqualTo(201);
		this.otherStory = admin().json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"Secret merger\", \"Project\": {\"Id\": " + id(other) + "}}")
			.json()
			.get("Id")
			.asLong();
		ApiResponse budget = admin().json()
			.postJson("/api/v1/Budgets", "{\"UserStory\": {\"Id\": " + this.otherStory + "}, \"Hours\": 8}");
		assertThat(budget.status()).as(budget.body()).isEqualTo(201);
		this.otherBudget = budget.json().get("Id").asLong();
	}

	@AfterEach
	void noServiceAccount() {
		admin().delete("/api/v1/ServiceAccount");
	}

	@Test
	void budgetsWhenNoServiceAccountThenTheMessageAndOtherProjectsBudgetsUnavailable() {
		signInAs(this.user.login(), this.user.password());
		open("/budgets");

		assertThat(find("#reporting-notice").getText()).isEqualTo("You don't have access to all projects, or some"
				+ " included iterations or work items were deleted. Therefore, the time calculation may not be accurate.");
		assertThat(find("tr[data-budget-id='" + this.otherBudget + "']").getText()).contains("removed or not available")
			.doesNotContain("Secret merger");
		screenshot("budgets-without-service-account");
	}

	@Test
	void setMyselfAsServiceAccountThenRestrictedUserSeesEveryBudgetWithMaskedTitles() {
		TestUser administrator = TestUsers.administrator(admin(), "browser");
		signInAs(administrator.login(), administrator.password());
		open("/settings/reporting-and-api");
		assertThat(find("#service-account-state").getText()).isEqualTo("NOT_CONFIGURED");

		find("#set-myself button[type=submit]").click();

		await(ExpectedConditions.textToBe(By.id("service-account-state"), "HEALTHY"));
		assertThat(find("#showRestrictedWorkItems").isSelected()).as("titles masked by default").isFalse();
		screenshot("reporting-and-api");
		find(".sign-out button").click();
		await(ExpectedConditions.urlContains("/login"));

		signInAs(this.user.login(), this.user.password());
		open("/budgets");
		assertThat(this.browser.findElements(By.id("reporting-notice"))).isEmpty();
		assertThat(find("tr[data-budget-id='" + this.otherBudget + "']").getText())
			.contains("Restricted work item #" + this.otherStory)
			.doesNotContain("removed or not available");
	}

	private String project() {
		String key = "R" + unique("").toUpperCase();
		assertThat(admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Browser\"}")
			.status()).isEqualTo(201);
		return key;
	}

	private long id(String key) {
		return admin().json().get("/api/v1/Projects/" + key).json().get("Id").asLong();
	}

}
