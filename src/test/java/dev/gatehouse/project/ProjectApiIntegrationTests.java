package dev.gatehouse.project;

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
 * {@code /api/v1/Projects}: members see the projects they belong to, administrators see
 * and manage all; a project one may not see does not exist for them.
 */
class ProjectApiIntegrationTests extends IntegrationTestSupport {

	@Test
	void listWhenMemberThenOnlyOwnProjectsAdministratorSeesAll() {
		TestUser member = TestUsers.user(admin(), "member");
		String mine = createProject();
		String other = createProject();
		addMember(mine, member.id());

		JsonNode seen = member.client(anonymous()).json().get("/api/v1/Projects?take=1000").json().get("Items");
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0).get("Key").asString()).isEqualTo(mine);

		String both = "where=(Key%20in%20('" + mine + "','" + other + "'))";
		assertThat(admin().json().get("/api/v1/Projects?" + both).json().get("Items")).hasSize(2);
	}

	@Test
	void getWhenNotMemberThenNotFoundLikeMissingProject() {
		TestUser outsider = TestUsers.user(admin(), "outsider");
		String key = createProject();
		ApiClient client = outsider.client(anonymous()).json();

		ApiResponse hidden = client.get("/api/v1/Projects/" + key);
		ApiResponse missing = client.get("/api/v1/Projects/NOSUCH" + unique("K").toUpperCase());

		assertThat(hidden.status()).isEqualTo(404);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(hidden.json().get("Message").asString()).doesNotContain("exists").doesNotContain("access");
	}

	@Test
	void getWhenKeyInAnyCaseOrNumericIdThenSameProject() {
		String key = createProject();
		long id = admin().json().get("/api/v1/Projects/" + key).json().get("Id").asLong();

		assertThat(admin().json().get("/api/v1/Projects/" + key.toLowerCase()).json().get("Id").asLong()).isEqualTo(id);
		assertThat(admin().json().get("/api/v1/Projects/" + id).json().get("Key").asString()).isEqualTo(key);
	}

	@Test
	void membersWhenAddedWithRoleThenListedAndRemovable() {
		TestUser user = TestUsers.user(admin(), "withrole");
		String key = createProject();
		long roleId = admin().json()
			.get("/api/v1/Roles?where=(Name%20eq%20'Observer')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();

		ApiResponse added = admin().json()
			.postJson("/api/v1/Projects/" + key + "/Members",
					"{\"User\": {\"Id\": " + user.id() + "}, \"Role\": {\"Id\": " + roleId + "}}");

		assertThat(added.status()).isEqualTo(201);
		JsonNode member = added.json().get("Members").get(0);
		assertThat(member.get("User").get("Id").asLong()).isEqualTo(user.id());
		assertThat(member.get("Role").get("Name").asString()).isEqualTo("Observer");
		assertThat(user.client(anonymous()).get("/api/v1/Projects/" + key).status()).isEqualTo(200);

		assertThat(admin().delete("/api/v1/Projects/" + key + "/Members/" + user.id()).status()).isEqualTo(204);
		assertThat(user.client(anonymous()).get("/api/v1/Projects/" + key).status()).isEqualTo(404);
		assertThat(admin().delete("/api/v1/Projects/" + key + "/Members/" + user.id()).status()).isEqualTo(404);
	}

	@Test
	void memberWithoutProjectRoleWhenReadThenRoleIsNil() {
		TestUser user = TestUsers.user(admin(), "norole");
		String key = createProject();
		addMember(key, user.id());

		ApiResponse project = admin().get("/api/v1/Projects/" + key);

		assertThat(project.xpath("/Project/Members/Member/Role/@nil")).isEqualTo("true");
		assertThat(project.xpath("/Project/Members/Member/User/@Id")).isEqualTo(String.valueOf(user.id()));
	}

	@Test
	void writeWhenNotAdministratorThenForbidden() {
		TestUser member = TestUsers.user(admin(), "notadmin");
		String key = createProject();
		addMember(key, member.id());
		ApiClient client = member.client(anonymous());

		assertThat(
				client.postJson("/api/v1/Projects", "{\"Key\": \"" + TestProjects.uniqueKey() + "\", \"Name\": \"x\"}")
					.status())
			.isEqualTo(403);
		assertThat(client.postJson("/api/v1/Projects/" + key + "/Members", "{\"User\": {\"Id\": " + member.id() + "}}")
			.status()).isEqualTo(403);
		assertThat(client.delete("/api/v1/Projects/" + key).status()).isEqualTo(403);
	}

	@Test
	void createWhenKeyInvalidOrTakenThenRefused() {
		String key = createProject();

		assertThat(admin().postJson("/api/v1/Projects", "{\"Key\": \"" + key.toLowerCase() + "\", \"Name\": \"x\"}")
			.status()).isEqualTo(409);
		assertThat(admin().postJson("/api/v1/Projects", "{\"Key\": \"123\", \"Name\": \"x\"}").status()).isEqualTo(400);
		assertThat(admin().postJson("/api/v1/Projects", "{\"Key\": \"has space\", \"Name\": \"x\"}").status())
			.isEqualTo(400);
		assertThat(admin().postJson("/api/v1/Projects", "{\"Key\": \"" + TestProjects.uniqueKey() + "\"}").status())
			.isEqualTo(400);
		assertThat(admin()
			.postJson("/api/v1/Projects",
					"{\"Key\": \"" + TestProjects.uniqueKey() + "\", \"Name\": \"" + "n".repeat(201) + "\"}")
			.status()).isEqualTo(400);
	}

	@Test
	void deleteWhenAdministratorThenProjectAndItsStoriesGone() {
		String key = createProject();
		long projectId = admin().json().get("/api/v1/Projects/" + key).json().get("Id").asLong();
		long storyId = admin().json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"Doomed\", \"Project\": {\"Id\": " + projectId + "}}")
			.json()
			.get("Id")
			.asLong();

		assertThat(admin().delete("/api/v1/Projects/" + key).status()).isEqualTo(204);

		assertThat(admin().get("/api/v1/Projects/" + key).status()).isEqualTo(404);
		assertThat(admin().get("/api/v1/UserStories/" + storyId).status()).isEqualTo(404);
	}

	private String createProject() {
		String key = TestProjects.uniqueKey();
		ApiResponse created = admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Project " + key + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return key;
	}

	private void addMember(String key, long userId) {
		assertThat(admin().postJson("/api/v1/Projects/" + key + "/Members", "{\"User\": {\"Id\": " + userId + "}}")
			.status()).isEqualTo(201);
	}

}
