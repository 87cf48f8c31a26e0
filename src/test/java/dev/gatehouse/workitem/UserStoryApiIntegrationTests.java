package dev.gatehouse.workitem;

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
 * {@code /api/v1/UserStories}: members read the stories of their projects; editing needs
 * {@code EDIT_USER_STORIES} in the project.
 */
class UserStoryApiIntegrationTests extends IntegrationTestSupport {

	private String key;

	private long projectId;

	private TestUser developer;

	@BeforeEach
	void project() {
		this.key = TestProjects.uniqueKey();
		this.projectId = admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + this.key + "\", \"Name\": \"Stories\"}")
			.json()
			.get("Id")
			.asLong();
		this.developer = TestUsers.user(admin(), "dev");
		admin().postJson("/api/v1/Projects/" + this.key + "/Members",
				"{\"User\": {\"Id\": " + this.developer.id() + "}}");
	}

	@Test
	void createWhenMemberWithEditRightThenCreatedInTheProject() {
		ApiResponse created = this.developer.client(anonymous())
			.json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"Export to CSV\", \"Effort\": 3.5, \"Project\": {\"Id\": "
					+ this.projectId + "}, \"Owner\": {\"Id\": " + this.developer.id() + "}}");

		assertThat(created.status()).isEqualTo(201);
		JsonNode story = created.json();
		assertThat(story.get("Name").asString()).isEqualTo("Export to CSV");
		assertThat(story.get("State").asString()).isEqualTo("Open");
		assertThat(story.get("Effort").decimalValue()).isEqualByComparingTo("3.5");
		assertThat(story.get("Project").get("Id").asLong()).isEqualTo(this.projectId);
		assertThat(story.get("Owner").get("Id").asLong()).isEqualTo(this.developer.id());
	}

	@Test
	void readWhenNotMemberThenStoriesInvisible() {
		long storyId = createStory("Secret plan");
		TestUser outsider = TestUsers.user(admin(), "out");
		ApiClient client = outsider.client(anonymous()).json();

		assertThat(client.get("/api/v1/UserStories/" + storyId).status()).isEqualTo(404);
		assertThat(
				client.get("/api/v1/UserStories?where=(Project.Id%20eq%20" + this.projectId + ")").json().get("Items"))
			.isEmpty();
		assertThat(this.developer.client(anonymous()).get("/api/v1/UserStories/" + storyId).status()).isEqualTo(200);
	}

	@Test
	void createWhenProjectInvisibleThenRefusedWithoutHintingItExists() {
		TestUser outsider = TestUsers.user(admin(), "out2");

		ApiResponse response = outsider.client(anonymous())
			.json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"x\", \"Project\": {\"Id\": " + this.projectId + "}}");
		ApiResponse missing = outsider.client(anonymous())
			.json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"x\", \"Project\": {\"Id\": 999999999}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("Message").asString())
			.isEqualTo(missing.json().get("Message").asString().replace("999999999", String.valueOf(this.projectId)));
	}

	@Test
	void writeWhenMemberRoleLacksEditRightThenForbidden() {
		long observerRole = admin().json()
			.get("/api/v1/Roles?where=(Name%20eq%20'Observer')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		TestUser observer = TestUsers.user(admin(), "observer");
		admin().postJson("/api/v1/Projects/" + this.key + "/Members",
				"{\"User\": {\"Id\": " + observer.id() + "}, \"Role\": {\"Id\": " + observerRole + "}}");
		long storyId = createStory("Read only");
		ApiClient client = observer.client(anonymous());

		assertThat(client.get("/api/v1/UserStories/" + storyId).status()).isEqualTo(200);
		assertThat(client.postJson("/api/v1/UserStories/" + storyId, "{\"Name\": \"Changed\"}").status())
			.isEqualTo(403);
		assertThat(client.delete("/api/v1/UserStories/" + storyId).status()).isEqualTo(403);
		assertThat(admin().json().get("/api/v1/UserStories/" + storyId).json().get("Name").asString())
			.isEqualTo("Read only");
	}

	@Test
	void updateAndDeleteWhenMemberWithEditRightThenApplied() {
		long storyId = createStory("Draft");
		ApiClient client = this.developer.client(anonymous()).json();

		ApiResponse updated = client.postJson("/api/v1/UserStories/" + storyId, "{\"State\": \"Done\", \"Effort\": 5}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("State").asString()).isEqualTo("Done");
		assertThat(updated.json().get("Name").asString()).isEqualTo("Draft");

		assertThat(client.delete("/api/v1/UserStories/" + storyId).status()).isEqualTo(204);
		assertThat(client.get("/api/v1/UserStories/" + storyId).status()).isEqualTo(404);
	}

	@Test
	void createWhenValuesInvalidThenBadRequest() {
		ApiClient client = this.developer.client(anonymous());
		String project = "\"Project\": {\"Id\": " + this.projectId + "}";

		assertThat(client.postJson("/api/v1/UserStories", "{" + project + "}").status()).isEqualTo(400);
		assertThat(client.postJson("/api/v1/UserStories", "{\"Name\": \"x\"}").status()).isEqualTo(400);
		assertThat(
				client.postJson("/api/v1/UserStories", "{\"Name\": \"x\", \"Effort\": -1, " + project + "}").status())
			.isEqualTo(400);
		assertThat(client.postJson("/api/v1/UserStories", "{\"Name\": \"" + "n".repeat(256) + "\", " + project + "}")
			.status()).isEqualTo(400);
		assertThat(client.postJson("/api/v1/UserStories", "{\"Name\": \"x\", \"Effort\": \"lots\", " + project + "}")
			.status()).isEqualTo(400);
	}

	@Test
	void listWhenFilteredByProjectAndOrderedThenMatching() {
		createStory("Beta");
		createStory("Alpha");

		JsonNode items = this.developer.client(anonymous())
			.json()
			.get("/api/v1/UserStories?where=(Project.Id%20eq%20" + this.projectId + ")&orderBy=Name")
			.json()
			.get("Items");

		assertThat(items).hasSize(2);
		assertThat(items.get(0).get("Name").asString()).isEqualTo("Alpha");
	}

	private long createStory(String name) {
		ApiResponse created = admin().json()
			.postJson("/api/v1/UserStories",
					"{\"Name\": \"" + name + "\", \"Project\": {\"Id\": " + this.projectId + "}}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Id").asLong();
	}

}
