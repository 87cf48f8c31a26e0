package dev.gatehouse;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates projects, stories and tokens through the API, each under a unique name.
 */
public final class TestProjects {

	private TestProjects() {
	}

	/**
	 * A project key no other test uses.
	 * @return the key
	 */
	public static String uniqueKey() {
		return "P" + IntegrationTestSupport.unique("").toUpperCase(java.util.Locale.ROOT);
	}

	/**
	 * The path of a project's access tokens.
	 */
	public static String tokens(String key) {
		return "/api/v1/Projects/" + key + "/AccessTokens";
	}

	/**
	 * The path of a project's snapshots.
	 */
	public static String snapshots(String key) {
		return "/api/v1/Projects/" + key + "/Snapshots";
	}

	/**
	 * A personal access token the owner creates with the given JSON body.
	 * @return its value
	 */
	public static String createToken(ApiClient owner, String body) {
		ApiResponse created = owner.json().postJson("/api/v1/AccessTokens", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Token").asString();
	}

	/**
	 * A new project, created by the administrator, who is not its member.
	 * @return its key
	 */
	public static String project(ApiClient admin) {
		String key = "P" + IntegrationTestSupport.unique("").toUpperCase(java.util.Locale.ROOT);
		ApiResponse created = admin.json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Project " + key + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return key;
	}

	/**
	 * A new story in the project.
	 * @return its id
	 */
	public static long story(ApiClient admin, String key, String name) {
		ApiResponse project = admin.json().get("/api/v1/Projects/" + key);
		ApiResponse created = admin.json()
			.postJson("/api/v1/UserStories",
					"{\"Name\": \"" + name + "\", \"Project\": {\"Id\": " + project.json().get("Id").asLong() + "}}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Id").asLong();
	}

	public static void member(ApiClient admin, String key, long userId) {
		ApiResponse added = admin.json()
			.postJson("/api/v1/Projects/" + key + "/Members", "{\"User\": {\"Id\": " + userId + "}}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
	}

	/**
	 * A project access token's value.
	 */
	public static String projectToken(ApiClient projectAdministrator, String key, LocalDate expiry) {
		ApiResponse created = projectAdministrator.json()
			.postJson("/api/v1/Projects/" + key + "/AccessTokens",
					"{\"Name\": \"ci\", \"ExpirationDate\": \"" + expiry + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Token").asString();
	}

	/**
	 * A personal access token's value.
	 * @param owner the owner's client, with an interactive credential
	 * @param body the creation body
	 */
	public static String personalToken(ApiClient owner, String body) {
		ApiResponse created = owner.json().postJson("/api/v1/AccessTokens", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Token").asString();
	}

	/**
	 * The service token of whoever the client's credential names.
	 */
	public static String serviceToken(ApiClient owner) {
		ApiResponse issued = owner.json().get("/api/v1/Authentication");
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);
		return issued.json().get("Token").asString();
	}

	/**
	 * The id of the owner's first personal access token.
	 */
	public static long firstTokenId(ApiClient owner) {
		return owner.json().get("/api/v1/AccessTokens").json().get("Items").get(0).get("Id").asLong();
	}

	public static ApiResponse upload(ApiClient client, String key) {
		return client.postBytes("/api/v1/Projects/" + key + "/Snapshots?version=1.0", "application/octet-stream",
				"analysis results".getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
