package dev.gatehouse.budget;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budgets: administrators set hours on a project or a story; members see them against the
 * hours everyone tracked there, in the API and on the Budgets page.
 */
class BudgetIntegrationTests extends IntegrationTestSupport {

	private String key;

	private long projectId;

	private long story;

	private TestUser member;

	@BeforeEach
	void projectWithStoryAndMember() {
		this.key = TestProjects.uniqueKey();
		admin().json().postJson("/api/v1/Projects", "{\"Key\": \"" + this.key + "\", \"Name\": \"Budget\"}");
		this.projectId = admin().json().get("/api/v1/Projects/" + this.key).json().get("Id").asLong();
		this.story = admin().json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"Import\", \"Project\": {\"Id\": " + this.projectId + "}}")
			.json()
			.get("Id")
			.asLong();
		this.member = TestUsers.user(admin(), "budgeter");
		admin().json()
			.postJson("/api/v1/Projects/" + this.key + "/Members", "{\"User\": {\"Id\": " + this.member.id() + "}}");
	}

	@Test
	void budgetsWhenTimeLoggedThenTrackedCountsEveryonesHours() {
		long projectBudget = create("{\"Project\": {\"Id\": " + this.projectId + "}, \"Hours\": 100}").json()
			.get("Id")
			.asLong();
		long storyBudget = create("{\"UserStory\": {\"Id\": " + this.story + "}, \"Hours\": 4}").json()
			.get("Id")
			.asLong();
		TestUser colleague = TestUsers.user(admin(), "colleague");
		admin().json()
			.postJson("/api/v1/Projects/" + this.key + "/Members", "{\"User\": {\"Id\": " + colleague.id() + "}}");
		log(this.member, "3");
		log(colleague, "2.5");

		JsonNode whole = this.member.client(anonymous()).json().get("/api/v1/Budgets/" + projectBudget).json();
		assertThat(whole.get("Tracked").decimalValue()).isEqualByComparingTo("5.5");
		assertThat(whole.get("Remaining").decimalValue()).isEqualByComparingTo("94.5");
		assertThat(whole.get("UserStory").isNull()).isTrue();
		JsonNode ofStory = admin().json().get("/api/v1/Budgets/" + storyBudget).json();
		assertThat(ofStory.get("Remaining").decimalValue()).isEqualByComparingTo("-1.5");
		assertThat(ofStory.get("Project").get("Id").asLong()).isEqualTo(this.projectId);

		String token = this.member.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"report\", \"Scopes\": [\"reporting:read\"]}")
			.json()
			.get("Token")
			.asString();
		JsonNode fed = anonymous().basic("", token)
			.get("/odata/Budgets?$filter=Id%20eq%20" + storyBudget + "&$select=Tracked")
			.json()
			.get("value")
			.get(0);
		assertThat(fed.get("Tracked").decimalValue()).as("the feed tracks the same hours").isEqualByComparingTo("5.5");
		ApiClient browser = signIn(this.member);
		String page = browser.get("/budgets").body();
		assertThat(page).contains(this.key).contains("Whole project").contains("Import").contains("overrun");
		assertThat(page).doesNotContain("Set a budget");
	}

	@Test
	void budgetsWhenNotAdministratorOrOutsiderThenRefusedOrHidden() {
		long id = create("{\"Project\": {\"Id\": " + this.projectId + "}, \"Hours\": 10}").json().get("Id").asLong();
		TestUser outsider = TestUsers.user(admin(), "outsider");

		assertThat(this.member.client(anonymous())
			.json()
			.postJson("/api/v1/Budgets", "{\"UserStory\": {\"Id\": " + this.story + "}, \"Hours\": 1}")
			.status()).isEqualTo(403);
		assertThat(this.member.client(anonymous()).json().delete("/api/v1/Budgets/" + id).status()).isEqualTo(403);
		assertThat(this.member.client(anonymous()).json().get("/api/v1/Budgets").json().get("Items")).hasSize(1);
		assertThat(outsider.client(anonymous()).json().get("/api/v1/Budgets/" + id).status()).isEqualTo(404);
		assertThat(outsider.client(anonymous())
			.json()
			.get("/api/v1/Budgets?where=(Project.Id%20eq%20" + this.projectId + ")")
			.json()
			.get("Items")).isEmpty();
	}

	@Test
	void writesWhenDuplicateInvalidOrMismatchedThenRefused() {
		long id = create("{\"Project\": {\"Id\": " + this.projectId + "}, \"Hours\": 10}").json().get("Id").asLong();
		String otherKey = TestProjects.uniqueKey();
		admin().json().postJson("/api/v1/Projects", "{\"Key\": \"" + otherKey + "\", \"Name\": \"Other\"}");
		long otherId = admin().json().get("/api/v1/Projects/" + otherKey).json().get("Id").asLong();

		assertThat(create("{\"Project\": {\"Id\": " + this.projectId + "}, \"Hours\": 5}").status()).isEqualTo(409);
		assertThat(create("{\"Project\": {\"Id\": " + otherId + "}, \"Hours\": 0}").status()).isEqualTo(400);
		assertThat(create("{\"Project\": {\"Id\": " + otherId + "}, \"Hours\": 1.001}").status()).isEqualTo(400);
		assertThat(create("{\"Project\": {\"Id\": " + otherId + "}}").status()).isEqualTo(400);
		assertThat(create("{\"Hours\": 3}").status()).isEqualTo(400);
		assertThat(create(
				"{\"Project\": {\"Id\": " + otherId + "}, \"UserStory\": {\"Id\": " + this.story + "}, \"Hours\": 3}")
			.status()).as("a story of another project").isEqualTo(400);
		assertThat(admin().json()
			.postJson("/api/v1/Budgets/" + id, "{\"Hours\": 12.5}")
			.json()
			.get("Hours")
			.decimalValue()).isEqualByComparingTo("12.5");
		assertThat(
				admin().json().postJson("/api/v1/Budgets/" + id, "{\"Project\": {\"Id\": " + otherId + "}}").status())
			.isEqualTo(400);
		assertThat(admin().delete("/api/v1/Budgets/" + id).status()).isEqualTo(204);
		assertThat(admin().get("/api/v1/Budgets/" + id).status()).isEqualTo(404);
	}

	@Test
	void pageWhenAdministratorSetsABudgetThenListed() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		ApiResponse saved = browser.submitForm("/budgets", csrf(browser, "/budgets"),
				Map.of("projectId", String.valueOf(this.projectId), "hours", "40"));

		assertThat(saved.status()).isEqualTo(302);
		assertThat(browser.get("/budgets").body()).contains("Saved the budget");
		assertThat(admin().json()
			.get("/api/v1/Budgets?where=(Project.Id%20eq%20" + this.projectId + ")")
			.json()
			.get("Items")
			.get(0)
			.get("Hours")
			.decimalValue()).isEqualByComparingTo("40");
	}

	private ApiResponse create(String body) {
		return admin().json().postJson("/api/v1/Budgets", body);
	}

	private void log(TestUser user, String hours) {
		ApiResponse logged = user.client(anonymous())
			.json()
			.postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + this.story + "}, \"Date\": \""
					+ LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC) + "\", \"Spent\": " + hours + "}");
		assertThat(logged.status()).as(logged.body()).isEqualTo(201);
	}

}
