package dev.gatehouse.token;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

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
 * Project access tokens (SPEC §5): created by project administrators with a name and an
 * expiration date, shown once, and good for one thing only: uploading snapshots to their
 * own project until they expire.
 */
class ProjectAccessTokenIntegrationTests extends IntegrationTestSupport {

	private static final byte[] SNAPSHOT = "analysis results".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	@Test
	void createWhenProjectAdministratorThenValueShownOnceAndListedWithoutIt() {
		String key = createProject();
		LocalDate expiry = today().plusDays(30);

		ApiResponse created = admin().json()
			.postJson(TestProjects.tokens(key), "{\"Name\": \"CI main\", \"ExpirationDate\": \"" + expiry + "\"}");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode token = created.json();
		assertThat(token.get("Token").asString()).startsWith("gprj_");
		assertThat(token.get("Name").asString()).isEqualTo("CI main");
		assertThat(token.get("ExpirationDate").asString()).isEqualTo(expiry.toString());
		assertThat(token.get("Expired").asBoolean()).isFalse();
		assertThat(token.get("LastLoginDate").isNull()).isTrue();
		assertThat(token.get("CreateDate").asString()).endsWith("Z");
		long id = token.get("Id").asLong();
		JsonNode listed = admin().json().get(TestProjects.tokens(key)).json().get("Items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("Id").asLong()).isEqualTo(id);
		assertThat(listed.get(0).has("Token")).isFalse();
		assertThat(admin().json().get(TestProjects.tokens(key) + "/" + id).json().has("Token")).isFalse();
	}

	@Test
	void createWhenNameOrExpirationMissingOrOutsideThePolicyThenRefusedAndNothingStored() {
		String key = createProject();
		String later = today().plusDays(10).toString();

		assertThat(create(key, null, later).status()).isEqualTo(400);
		assertThat(create(key, "   ", later).status()).isEqualTo(400);
		assertThat(create(key, "n".repeat(101), later).status()).isEqualTo(400);
		ApiResponse noExpiry = admin().json().postJson(TestProjects.tokens(key), "{\"Name\": \"x\"}");
		assertThat(noExpiry.status()).isEqualTo(400);
		assertThat(noExpiry.json().get("Message").asString()).contains("ExpirationDate");
		assertThat(create(key, "x", today().minusDays(1).toString()).status()).isEqualTo(400);
		assertThat(create(key, "x", today().plusDays(366).toString()).status()).isEqualTo(400);
		assertThat(admin().json()
			.postJson(TestProjects.tokens(key), "{\"Name\": \"x\", \"Scopes\": [\"admin\"]}")
			.status()).isEqualTo(400);

		assertThat(admin().json().get(TestProjects.tokens(key) + "?showExpired=true").json().get("Items")).isEmpty();
	}

	@Test
	void nameWithMarkupThenKeptAsTextAndEscapedInXml() {
		String key = createProject();
		create(key, "<b>CI</b> & \"friends\"", today().plusDays(5).toString());

		ApiResponse xml = admin().get(TestProjects.tokens(key));

		assertThat(xml.body()).doesNotContain("<b>");
		assertThat(xml.xpath("/AccessTokens/AccessToken/@Name")).isEqualTo("<b>CI</b> & \"friends\"");
	}

	@Test
	void manageWhenNotProjectAdministratorThenForbiddenOrNotFound() {
		String key = createProject();
		long observer = TestUsers.role(admin(), "observer", "ACCESS_TOKENS");
		long projectAdministrator = TestUsers.role(admin(), "padmin", "ACCESS_TOKENS", "ADMINISTER_PROJECT");
		TestUser member = TestUsers.user(admin(), "member");
		TestUser manager = TestUsers.user(admin(), "manager");
		TestUser outsider = TestUsers.user(admin(), "outsider");
		addMember(key, member.id(), observer);
		addMember(key, manager.id(), projectAdministrator);
		String later = today().plusDays(5).toString();
		String body = "{\"Name\": \"ci\", \"ExpirationDate\": \"" + later + "\"}";

		assertThat(member.client(anonymous()).json().postJson(TestProjects.tokens(key), body).status()).isEqualTo(403);
		assertThat(member.client(anonymous()).json().get(TestProjects.tokens(key)).status()).isEqualTo(403);
		assertThat(outsider.client(anonymous()).json().postJson(TestProjects.tokens(key), body).status())
			.isEqualTo(404);
		assertThat(admin().json().postJson(TestProjects.tokens("NOPE" + TestProjects.uniqueKey()), body).status())
			.isEqualTo(404);
		ApiResponse created = manager.client(anonymous()).json().postJson(TestProjects.tokens(key), body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(manager.client(anonymous())
			.delete(TestProjects.tokens(key) + "/" + created.json().get("Id").asLong())
			.status()).isEqualTo(204);
	}

	@Test
	void tokenWhenUsedForAnythingButUploadingToItsProjectThenForbidden() {
		String key = createProject();
		String other = createProject();
		String token = tokenValue(key, today().plusDays(5));
		ApiClient ci = anonymous().bearer(token).json();

		ApiResponse loggedUser = ci.get("/api/v1/Users/LoggedUser");
		assertThat(loggedUser.status()).isEqualTo(403);
		assertThat(loggedUser.json().get("Message").asString()).contains("only upload snapshots");
		assertThat(ci.get("/api/v1/Projects/" + key).status()).isEqualTo(403);
		assertThat(ci.get(TestProjects.snapshots(key)).status()).isEqualTo(403);
		assertThat(ci.get(TestProjects.tokens(key)).status()).isEqualTo(403);
		assertThat(ci.postJson(TestProjects.tokens(key), "{\"Name\": \"more\"}").status()).isEqualTo(403);
		assertThat(ci.get("/api/v1/Authentication").status()).isEqualTo(403);
		assertThat(ci.get("/actuator/prometheus").status()).isEqualTo(403);
		ApiResponse otherProject = upload(ci, other);
		ApiResponse missingProject = upload(ci, "NOPE" + TestProjects.uniqueKey());
		assertThat(otherProject.status()).isEqualTo(403);
		assertThat(missingProject.status()).isEqualTo(403);
		assertThat(otherProject.json().get("Message").asString())
			.isEqualTo(missingProject.json().get("Message").asString());

		ApiResponse uploaded = upload(ci, key);
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		assertThat(uploaded.json().get("UploadedBy").get("ResourceType").asString()).isEqualTo("ProjectAccessToken");
	}

	@Test
	void tokenWhenExpiredOrDeletedThenUnauthorized() {
		String key = createProject();
		LocalDate lastDay = today().plusDays(2);
		String token = tokenValue(key, lastDay);
		ApiClient ci = anonymous().bearer(token).json();
		try {
			this.clock.advance(Duration.ofDays(2));
			assertThat(upload(ci, key).status()).as("on its last day").isEqualTo(201);
			this.clock.advance(Duration.ofDays(1));
			ApiResponse expired = upload(ci, key);
			assertThat(expired.status()).isEqualTo(401);
			assertThat(expired.header("WWW-Authenticate")).isPresent();
		}
		finally {
			this.clock.reset();
		}
		String second = tokenValue(key, today().plusDays(2));
		long id = admin().json()
			.get(TestProjects.tokens(key) + "?where=(Name%20eq%20'ci')&orderByDesc=Id")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		assertThat(admin().delete(TestProjects.tokens(key) + "/" + id).status()).isEqualTo(204);
		assertThat(upload(anonymous().bearer(second).json(), key).status()).isEqualTo(401);
	}

	@Test
	void lastLoginWhenTokenAuthenticatesThenRecorded() {
		String key = createProject();
		String token = tokenValue(key, today().plusDays(5));

		assertThat(upload(anonymous().bearer(token).json(), key).status()).isEqualTo(201);

		JsonNode listed = admin().json().get(TestProjects.tokens(key)).json().get("Items").get(0);
		assertThat(listed.get("LastLoginDate").isNull()).isFalse();
	}

	@Test
	void tokenWhenInQueryStringThenNoCredentialButAsBasicPasswordAccepted() {
		String key = createProject();
		String token = tokenValue(key, today().plusDays(5));

		assertThat(anonymous().json()
			.postBytes(TestProjects.snapshots(key) + "?version=1&access_token=" + token, "application/octet-stream",
					SNAPSHOT)
			.status()).isEqualTo(401);
		ApiClient both = admin().json();
		assertThat(both
			.postBytes(TestProjects.snapshots(key) + "?version=1&access_token=" + token, "application/octet-stream",
					SNAPSHOT)
			.status()).as("the admin's Basic credentials alone").isEqualTo(201);
		String empty = java.util.Base64.getEncoder()
			.encodeToString((":" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(upload(anonymous().header("Authorization", "Basic " + empty).json(), key).status())
			.as("Basic with an empty user name")
			.isEqualTo(201);
	}

	@Test
	void tokenWhenCombinedWithAnotherValidCredentialThenUnauthorized() {
		String key = createProject();
		String token = tokenValue(key, today().plusDays(5));
		String serviceToken = admin().json().get("/api/v1/Authentication").json().get("Token").asString();

		ApiResponse combined = anonymous().bearer(token)
			.json()
			.postBytes(TestProjects.snapshots(key) + "?version=1&token=" + serviceToken, "application/octet-stream",
					SNAPSHOT);

		assertThat(combined.status()).isEqualTo(401);
		assertThat(combined.json().get("Message").asString()).contains("cannot be combined");
		ApiClient browser = signIn("admin", ADMIN_PASSWORD).bearer(token).json();
		assertThat(browser.get("/api/v1/Users/LoggedUser").status()).as("with a session").isEqualTo(401);
	}

	@Test
	void uploadWhenOwnProjectNamedByIdOrAnyCaseThenAcceptedOtherProjectByIdForbidden() {
		String key = createProject();
		String other = createProject();
		long id = admin().json().get("/api/v1/Projects/" + key).json().get("Id").asLong();
		long otherId = admin().json().get("/api/v1/Projects/" + other).json().get("Id").asLong();
		ApiClient ci = anonymous().bearer(tokenValue(key, today().plusDays(5))).json();

		assertThat(upload(ci, String.valueOf(id)).status()).isEqualTo(201);
		assertThat(upload(ci, key.toLowerCase()).status()).isEqualTo(201);
		assertThat(upload(ci, String.valueOf(otherId)).status()).isEqualTo(403);
		assertThat(admin().json().get(TestProjects.snapshots(other)).json().get("Items")).isEmpty();
	}

	@Test
	void lastLoginWhenTokenRefusedThenUnchanged() {
		String key = createProject();
		String token = tokenValue(key, today());
		try {
			this.clock.advance(Duration.ofDays(1));
			assertThat(upload(anonymous().bearer(token).json(), key).status()).isEqualTo(401);
			JsonNode listed = admin().json()
				.get(TestProjects.tokens(key) + "?showExpired=true")
				.json()
				.get("Items")
				.get(0);
			assertThat(listed.get("LastLoginDate").isNull()).isTrue();
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void listWhenExpiredTokensThenHiddenUnlessAsked() {
		String key = createProject();
		tokenValue(key, today());
		try {
			this.clock.advance(Duration.ofDays(1));
			assertThat(admin().json().get(TestProjects.tokens(key)).json().get("Items")).isEmpty();
			JsonNode all = admin().json().get(TestProjects.tokens(key) + "?showExpired=true").json().get("Items");
			assertThat(all).hasSize(1);
			assertThat(all.get(0).get("Expired").asBoolean()).isTrue();
		}
		finally {
			this.clock.reset();
		}
	}

	private ApiResponse create(String key, String name, String expiry) {
		String nameField = (name != null) ? "\"Name\": \"" + name.replace("\"", "\\\"") + "\", " : "";
		return admin().json()
			.postJson(TestProjects.tokens(key), "{" + nameField + "\"ExpirationDate\": \"" + expiry + "\"}");
	}

	private String tokenValue(String key, LocalDate expiry) {
		ApiResponse created = create(key, "ci", expiry.toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Token").asString();
	}

	private static ApiResponse upload(ApiClient client, String key) {
		return client.postBytes(TestProjects.snapshots(key) + "?version=1.0", "application/octet-stream", SNAPSHOT);
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private String createProject() {
		String key = TestProjects.uniqueKey();
		ApiResponse created = admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Project " + key + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return key;
	}

	private void addMember(String key, long userId, long roleId) {
		ApiResponse added = admin().json()
			.postJson("/api/v1/Projects/" + key + "/Members",
					"{\"User\": {\"Id\": " + userId + "}, \"Role\": {\"Id\": " + roleId + "}}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
	}

}
