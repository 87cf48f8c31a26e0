package dev.gatehouse.authentication;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's scopes narrow kinds of operation, never its owner's project visibility (SPEC
 * §4.5): an administrator's {@code reporting:read} token in an Excel workbook reads every
 * project, unmasked; {@code admin} alone gates administration.
 */
class ScopeVisibilityIntegrationTests extends IntegrationTestSupport {

	@Test
	void reportingTokenWhenOwnerIsAdministratorThenEveryProjectUnmaskedWithoutServiceAccount() {
		String key = TestProjects.project(admin());
		TestProjects.story(admin(), key, "Board-only figures");
		String excel = TestProjects.personalToken(admin(), "{\"Name\": \"Excel\", \"Scopes\": [\"reporting:read\"]}");

		ApiResponse feed = anonymous().basic("", excel)
			.json()
			.get("/odata/WorkItems?$filter=ProjectKey%20eq%20'" + key + "'");

		assertThat(feed.status()).as(feed.body()).isEqualTo(200);
		assertThat(feed.header("Gatehouse-Reporting-View")).hasValue("all-projects");
		JsonNode items = feed.json().get("value");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("Name").asString()).isEqualTo("Board-only figures");
	}

	@Test
	void workItemTokensWhenOwnerIsAdministratorThenEveryProjectsStoriesReadAndWritten() {
		String key = TestProjects.project(admin());
		long story = TestProjects.story(admin(), key, "Anywhere");
		String token = TestProjects.personalToken(admin(),
				"{\"Name\": \"stories\", \"Scopes\": [\"work_items:read\", \"work_items:write\"]}");
		ApiClient script = anonymous().bearer(token).json();

		assertThat(script.get("/api/v1/UserStories/" + story).status()).isEqualTo(200);
		assertThat(script.get("/api/v1/Projects/" + key).status()).isEqualTo(200);
		assertThat(script.postJson("/api/v1/UserStories/" + story, "{\"State\": \"Done\"}").status()).isEqualTo(200);
	}

	@Test
	void administrationWhenAdministratorsTokenLacksAdminScopeThenForbidden() {
		TestUser other = TestUsers.user(admin(), "othertokens");
		String othersToken = TestProjects.personalToken(other.client(anonymous()), "{\"Name\": \"private\"}");
		String token = TestProjects.personalToken(admin(),
				"{\"Name\": \"no admin\", \"Scopes\": [\"profile:read\", \"identity:read\", \"work_items:read\","
						+ " \"work_items:write\", \"time:read\", \"time:write\", \"reporting:read\"]}");
		ApiClient script = anonymous().bearer(token).json();

		assertThat(script.postJson("/api/v1/Users", "{\"Login\": \"" + unique("x") + "\"}").status()).isEqualTo(403);
		assertThat(script.get("/api/v1/Settings").status()).isEqualTo(403);
		assertThat(script.get("/api/v1/ServiceAccount/status").status()).isEqualTo(403);
		assertThat(script.delete("/api/v1/Users/" + other.id() + "/AccessTokens").status()).isEqualTo(403);
		assertThat(script.get("/actuator/prometheus").status()).isEqualTo(403);
		assertThat(script.get("/api/v1/AccessTokens?take=1000").json().get("Items"))
			.allSatisfy((listed) -> assertThat(listed.get("User").get("Login").asString()).isEqualTo("admin"));
		assertThat(anonymous().bearer(othersToken).get("/api/v1/Users/LoggedUser").status())
			.as("the other user's token was not touched")
			.isEqualTo(200);
	}

	@Test
	void adminScopeWhenOwnerIsNotAdministratorThenNothingMoreThanTheOwnerHas() {
		TestUser user = TestUsers.user(admin(), "plain");
		String key = TestProjects.project(admin());
		long story = TestProjects.story(admin(), key, "Not yours");
		String token = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"all\"}");
		ApiClient script = anonymous().bearer(token).json();

		assertThat(script.get("/api/v1/UserStories/" + story).status()).isEqualTo(404);
		assertThat(script.get("/api/v1/Settings").status()).isEqualTo(403);
	}

}
