package dev.gatehouse.user;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/Users} (SPEC §1, §10): administrators manage users; the organisation
 * always keeps an active administrator; the System user keeps its identity.
 */
class UserApiIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void createWhenAdministratorThenCreatedWithDefaultRoleGrantingAccessTokens() {
		String login = unique("new");

		ApiResponse created = admin().json()
			.postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", \"Password\": \"password-123\","
					+ " \"FirstName\": \"Nina\", \"LastName\": \"New\", \"Email\": \"nina@example.com\"}");

		assertThat(created.status()).isEqualTo(201);
		JsonNode user = created.json();
		assertThat(user.get("Id").asLong()).isPositive();
		assertThat(user.get("Login").asString()).isEqualTo(login);
		assertThat(user.get("Kind").asString()).isEqualTo("User");
		assertThat(user.get("IsActive").asBoolean()).isTrue();
		assertThat(user.get("IsAdministrator").asBoolean()).isFalse();
		JsonNode role = admin().json().get("/api/v1/Roles/" + user.get("Role").get("Id").asLong()).json();
		assertThat(role.get("Permissions").toString()).contains("ACCESS_TOKENS");
		assertThat(user.has("Password")).isFalse();
	}

	@Test
	void createWhenNotAdministratorThenForbiddenAndNothingWritten() {
		TestUser user = TestUsers.user(admin(), "plain");
		String login = unique("sneaky");

		ApiResponse response = user.client(anonymous())
			.postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", \"Password\": \"password-123\"}");

		assertThat(response.status()).isEqualTo(403);
		assertThat(count("(Login%20eq%20'" + login + "')")).isZero();
	}

	@Test
	void createWhenLoginTakenInAnyCaseThenConflict() {
		TestUser existing = TestUsers.user(admin(), "dup");

		ApiResponse response = admin().json()
			.postJson("/api/v1/Users",
					"{\"Login\": \"" + existing.login().toUpperCase() + "\", \"Password\": \"password-123\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("Message").asString()).contains("already taken");
	}

	@Test
	void createWhenFieldsInvalidThenBadRequestNamingTheField() {
		assertBadRequest("{\"Login\": \"" + "a".repeat(101) + "\"}", "Login");
		assertBadRequest("{\"Login\": \"has space\"}", "Login");
		assertBadRequest("{\"Login\": \"" + unique("f") + "\", \"FirstName\": \"" + "x".repeat(101) + "\"}",
				"FirstName");
		assertBadRequest("{\"Login\": \"" + unique("f") + "\", \"Password\": \"short\"}", "Password");
		assertBadRequest("{\"Login\": \"" + unique("f") + "\", \"Email\": \"not-an-email\"}", "Email");
		assertBadRequest("{\"Login\": \"" + unique("f") + "\", \"Kind\": \"Robot\"}", "Kind");
		assertBadRequest("{\"Login\": \"" + unique("f") + "\", \"Role\": {\"Id\": 999999}}", "Role");
		assertBadRequest("{\"Login\": \"" + unique("f") + "\", \"Kind\": \"Requester\", \"IsAdministrator\": true}",
				"Requester");
		assertBadRequest("{\"Password\": \"password-123\"}", "Login");
	}

	@Test
	void updateWhenFieldsGivenThenOnlyThoseChange() {
		TestUser user = TestUsers.user(admin(), "upd");

		ApiResponse updated = admin().json()
			.postJson("/api/v1/Users/" + user.id(), "{\"FirstName\": \"Renamed\", \"Locale\": \"fr-CA\"}");

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("FirstName").asString()).isEqualTo("Renamed");
		assertThat(updated.json().get("Locale").asString()).isEqualTo("fr-CA");
		assertThat(updated.json().get("Login").asString()).isEqualTo(user.login());
		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
	}

	@Test
	void updateWhenKindBecomesRequesterThenApiRefusesTheUser() {
		TestUser user = TestUsers.user(admin(), "demoted");

		admin().postJson("/api/v1/Users/" + user.id(), "{\"Kind\": \"Requester\"}");

		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(403);
	}

	@Test
	void updateWhenPasswordChangesThenOldPasswordRefused() {
		TestUser user = TestUsers.user(admin(), "pwchange");

		admin().postJson("/api/v1/Users/" + user.id(), "{\"Password\": \"a-new-password\"}");

		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		assertThat(anonymous().basic(user.login(), "a-new-password").get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(200);
	}

	@Test
	void lastAdministratorWhenDemotedDeactivatedOrDeletedThenRefused() {
		TestUser second = TestUsers.administrator(admin(), "admin2");
		ApiClient secondAdmin = second.client(anonymous());
		// Every other administrator steps down, so that 'second' is the last one.
		JsonNode admins = admin().json()
			.get("/api/v1/Users?take=1000&where=(IsAdministrator%20eq%20true)%20and%20(IsActive%20eq%20true)")
			.json();
		long adminId = admin().json().get("/api/v1/Users/LoggedUser").json().get("Id").asLong();
		try {
			for (JsonNode other : admins.get("Items")) {
				long id = other.get("Id").asLong();
				if (id != second.id() && !other.get("Login").asString().equals("System")) {
					assertThat(secondAdmin.postJson("/api/v1/Users/" + id, "{\"IsAdministrator\": false}").status())
						.isEqualTo(200);
				}
			}

			assertThat(secondAdmin.postJson("/api/v1/Users/" + second.id(), "{\"IsAdministrator\": false}").status())
				.isEqualTo(400);
			assertThat(secondAdmin.postJson("/api/v1/Users/" + second.id(), "{\"IsActive\": false}").status())
				.isEqualTo(400);
			ApiResponse delete = secondAdmin.json().delete("/api/v1/Users/" + second.id());
			assertThat(delete.status()).isEqualTo(400);
		}
		finally {
			assertThat(secondAdmin.postJson("/api/v1/Users/" + adminId, "{\"IsAdministrator\": true}").status())
				.isEqualTo(200);
		}
		assertThat(admin().json().delete("/api/v1/Users/" + second.id()).status()).isEqualTo(204);
	}

	@Test
	void deleteWhenUserDeletedThenGoneLoginFreedAndCredentialsRefused() {
		TestUser user = TestUsers.user(admin(), "gone");

		assertThat(admin().delete("/api/v1/Users/" + user.id()).status()).isEqualTo(204);

		assertThat(admin().get("/api/v1/Users/" + user.id()).status()).isEqualTo(404);
		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		assertThat(admin().postJson("/api/v1/Users", "{\"Login\": \"" + user.login() + "\"}").status()).isEqualTo(201);
	}

	@Test
	void systemUserWhenListedThenPresentAndProtected() {
		JsonNode system = admin().json().get("/api/v1/Users?where=(Login%20eq%20'System')").json().get("Items").get(0);
		long id = system.get("Id").asLong();

		assertThat(system.get("IsAdministrator").asBoolean()).isTrue();
		assertThat(admin().delete("/api/v1/Users/" + id).status()).isEqualTo(400);
		assertThat(admin().postJson("/api/v1/Users/" + id, "{\"Login\": \"Root\"}").status()).isEqualTo(400);
		assertThat(admin().postJson("/api/v1/Users/" + id, "{\"IsActive\": false}").status()).isEqualTo(400);
	}

	@Test
	void deleteWhenYourselfThenRefused() {
		TestUser other = TestUsers.administrator(admin(), "self");

		assertThat(other.client(anonymous()).delete("/api/v1/Users/" + other.id()).status()).isEqualTo(400);
	}

	@Test
	void readWhenAnyUserThenUsersListedButNotWritable() {
		TestUser user = TestUsers.user(admin(), "reader");
		ApiClient client = user.client(anonymous());

		assertThat(client.get("/api/v1/Users").status()).isEqualTo(200);
		assertThat(client.get("/api/v1/Users/" + user.id()).status()).isEqualTo(200);
		assertThat(client.postJson("/api/v1/Users/" + user.id(), "{\"IsAdministrator\": true}").status())
			.isEqualTo(403);
		assertThat(client.delete("/api/v1/Users/" + user.id()).status()).isEqualTo(403);
	}

	@Test
	void administratorActionsWhenUsersChangeThenAuditedWithoutSecrets() {
		TestUser user = TestUsers.user(admin(), "audited");
		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false, \"Password\": \"secret-for-audit-1\"}");
		admin().delete("/api/v1/Users/" + user.id());

		String events = String.join("\n",
				this.jdbc
					.sql("select action || ' ' || coalesce(actor_login, '') || ' ' || coalesce(target, '')"
							+ " from audit_events where subject_id = :id order by id")
					.param("id", user.id())
					.query(String.class)
					.list());

		assertThat(events).contains("USER_CREATED admin")
			.contains("USER_CHANGED admin Password, IsActive=false")
			.contains("USER_DELETED admin")
			.doesNotContain("secret-for-audit-1");
	}

	private void assertBadRequest(String body, String named) {
		ApiResponse response = admin().json().postJson("/api/v1/Users", body);
		assertThat(response.status()).as(body).isEqualTo(400);
		assertThat(response.json().get("Message").asString()).as(body).contains(named);
	}

	private int count(String where) {
		return admin().json().get("/api/v1/Users?where=" + where).json().get("Items").size();
	}

}
