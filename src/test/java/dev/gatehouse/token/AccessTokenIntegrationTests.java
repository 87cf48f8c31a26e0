package dev.gatehouse.token;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.audit.AuditLog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal access tokens (SPEC §4, §10): issued once, stored as a hash, accepted in three
 * places, narrowed to their scopes, tracked, revoked by their owner or an administrator.
 */
class AccessTokenIntegrationTests extends IntegrationTestSupport {

	/** The documented scanner expression (docs/tokens.md). */
	static final Pattern PERSONAL_TOKEN = Pattern.compile("\\bgpat_[0-9A-Za-z]{30}[0-9A-Za-z]{6}\\b");

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AuditLog audit;

	@Test
	void createWhenOwnerThenValueShownOnceAndOnlyItsHashStored() {
		TestUser user = TestUsers.user(admin(), "pat");

		ApiResponse created = user.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"Excel report\"}");

		assertThat(created.status()).isEqualTo(201);
		JsonNode token = created.json();
		String value = token.get("Token").asString();
		assertThat(PERSONAL_TOKEN.matcher(value).matches()).as(value).isTrue();
		assertThat(token.get("Name").asString()).isEqualTo("Excel report");
		assertThat(token.get("Scopes")).hasSize(8);
		assertThat(token.get("User").get("Login").asString()).isEqualTo(user.login());
		assertThat(token.get("ExpirationDate").asString())
			.isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(365).toString());
		long id = token.get("Id").asLong();
		ApiResponse again = user.client(anonymous()).json().get("/api/v1/AccessTokens/" + id);
		assertThat(again.json().has("Token")).isFalse();
		assertThat(again.body()).doesNotContain(value);
		assertThat(user.client(anonymous()).get("/api/v1/AccessTokens/" + id).body()).doesNotContain("<Token");
		String stored = this.jdbc.sql("select token_hash from personal_access_tokens where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(stored).hasSize(64).doesNotContain(value.substring(5, 20));
	}

	@Test
	void tokenWhenSentAsBearerAccessTokenParameterOrBasicWithEmptyUserThenAuthenticates() {
		TestUser user = TestUsers.user(admin(), "places");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"three places\"}");

		assertThat(anonymous().header("Authorization", "Bearer " + token)
			.get("/api/v1/Users/LoggedUser")
			.xpath("/User/Login")).isEqualTo(user.login());
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?access_token=" + token).xpath("/User/Login"))
			.isEqualTo(user.login());
		assertThat(anonymous().basic("", token).get("/api/v1/Users/LoggedUser").xpath("/User/Login"))
			.isEqualTo(user.login());
	}

	@Test
	void tokenWhenMistypedOrInventedThenUnauthorizedLikeNoCredential() {
		TestUser user = TestUsers.user(admin(), "typo");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"typo\"}");
		String mistyped = token.substring(0, 10) + (token.charAt(10) == 'a' ? 'b' : 'a') + token.substring(11);

		ApiResponse typo = anonymous().header("Authorization", "Bearer " + mistyped).get("/api/v1/Users/LoggedUser");
		ApiResponse none = anonymous().get("/api/v1/Users/LoggedUser");
		ApiResponse garbage = anonymous().get("/api/v1/Users/LoggedUser?access_token=not-a-token");

		assertThat(typo.status()).isEqualTo(401);
		assertThat(typo.body()).isEqualTo(none.body());
		assertThat(garbage.status()).isEqualTo(401);
	}

	@Test
	void tokenWhenDeletedThenRefusedOnTheNextRequest() {
		TestUser user = TestUsers.user(admin(), "revoke");
		ApiClient owner = user.client(anonymous()).json();
		ApiResponse created = owner.postJson("/api/v1/AccessTokens", "{\"Name\": \"to revoke\"}");
		String token = created.json().get("Token").asString();
		ApiClient script = anonymous().header("Authorization", "Bearer " + token);
		assertThat(script.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		assertThat(owner.delete("/api/v1/AccessTokens/" + created.json().get("Id").asLong()).status()).isEqualTo(204);

		assertThat(script.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
	}

	@Test
	void tokenWhenExpiredThenUnauthorized() {
		TestUser user = TestUsers.user(admin(), "expiry");
		String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		String token = TestProjects.createToken(user.client(anonymous()),
				"{\"Name\": \"short\", \"ExpirationDate\": \"" + tomorrow + "\"}");
		ApiClient script = anonymous().header("Authorization", "Bearer " + token);
		assertThat(script.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
		try {
			this.clock.advance(Duration.ofDays(1));
			assertThat(script.get("/api/v1/Users/LoggedUser").status()).as("the last day still works").isEqualTo(200);
			this.clock.advance(Duration.ofDays(1));

			assertThat(script.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
			assertThat(user.client(anonymous())
				.json()
				.get("/api/v1/AccessTokens")
				.json()
				.get("Items")
				.get(0)
				.get("Expired")
				.asBoolean()).isTrue();
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void credentialsWhenOwnerDeactivatedThenRevokedAndNotBackWhenReactivated() {
		TestUser user = TestUsers.user(admin(), "deactowner");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"cut off\"}");
		String serviceToken = TestProjects.serviceToken(user.client(anonymous()));
		ApiClient session = signIn(user);
		ApiClient script = anonymous().header("Authorization", "Bearer " + token);

		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false}");
		assertThat(script.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);

		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": true}");
		assertThat(script.get("/api/v1/Users/LoggedUser").status()).as("a token that may have leaked").isEqualTo(401);
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + serviceToken).status()).isEqualTo(401);
		assertThat(session.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		assertThat(user.client(anonymous()).json().get("/api/v1/AccessTokens").json().get("Items")).isEmpty();
		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status())
			.as("the password is the user's own: it works again")
			.isEqualTo(200);
		assertThat(this.jdbc
			.sql("select target from audit_events where action = 'TOKEN_DELETED' and subject_login = :login")
			.param("login", user.login())
			.query(String.class)
			.list()).anySatisfy((target) -> assertThat(target).contains("deactivated"));
	}

	@Test
	void tokenWhenDefaultRoleLosesAccessTokensPermissionThenRefusedAndNoneCreated() {
		long roleId = TestUsers.role(admin(), "Tokens", "ACCESS_TOKENS");
		TestUser user = TestUsers.withRole(admin(), "perm", roleId);
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"before\"}");
		ApiClient script = anonymous().header("Authorization", "Bearer " + token);
		assertThat(script.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		admin().postJson("/api/v1/Roles/" + roleId, "{\"Permissions\": []}");

		assertThat(script.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		ApiResponse refused = user.client(anonymous()).json().postJson("/api/v1/AccessTokens", "{\"Name\": \"after\"}");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("Message").asString()).contains("access tokens");
	}

	@Test
	void tokenWhenOwnerMovedToRoleWithoutPermissionThenRefused() {
		long without = TestUsers.role(admin(), "NoTokens");
		TestUser user = TestUsers.user(admin(), "moved");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"moved\"}");

		admin().postJson("/api/v1/Users/" + user.id(), "{\"Role\": {\"Id\": " + without + "}}");

		assertThat(anonymous().header("Authorization", "Bearer " + token).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
	}

	@Test
	void tokenWhenScopesNarrowThenOtherRequestsForbidden() {
		TestUser user = TestUsers.user(admin(), "scoped");
		String token = TestProjects.createToken(user.client(anonymous()),
				"{\"Name\": \"read stories\", \"Scopes\": [\"work_items:read\"]}");
		ApiClient script = anonymous().header("Authorization", "Bearer " + token).json();

		assertThat(script.get("/api/v1/UserStories").status()).isEqualTo(200);
		ApiResponse profile = script.get("/api/v1/Users/LoggedUser");
		assertThat(profile.status()).isEqualTo(403);
		assertThat(profile.json().get("Message").asString()).contains("profile:read");
		assertThat(script.postJson("/api/v1/UserStories", "{\"Name\": \"x\", \"Project\": {\"Id\": 1}}").status())
			.isEqualTo(403);
		assertThat(script.get("/api/v1/Authentication").status()).as("no widening to a service token").isEqualTo(403);
		assertThat(script.postJson("/api/v1/AccessTokens", "{\"Name\": \"wider\"}").status())
			.as("no widening to a new token")
			.isEqualTo(403);
	}

	@Test
	void tokenWhenAdminScopeButOwnerNotAdministratorThenStillForbidden() {
		TestUser user = TestUsers.user(admin(), "notadmin");
		String token = TestProjects.createToken(user.client(anonymous()),
				"{\"Name\": \"admin?\", \"Scopes\": [\"admin\"]}");

		assertThat(anonymous().header("Authorization", "Bearer " + token)
			.postJson("/api/v1/Users", "{\"Login\": \"" + unique("x") + "\"}")
			.status()).isEqualTo(403);
	}

	@Test
	void tokenWhenAdministratorsLacksAdminScopeThenActsAsAUser() {
		TestUser other = TestUsers.user(admin(), "others");
		long othersToken = createTokenId(other.client(anonymous()), "private");
		String narrow = TestProjects.createToken(admin(), "{\"Name\": \"whoami\", \"Scopes\": [\"profile:read\"]}");
		ApiClient script = anonymous().header("Authorization", "Bearer " + narrow).json();

		JsonNode listed = script.get("/api/v1/AccessTokens?take=1000").json().get("Items");
		listed.forEach((token) -> assertThat(token.get("User").get("Login").asString()).isEqualTo("admin"));
		assertThat(script.get("/api/v1/AccessTokens/" + othersToken).status()).isEqualTo(404);
		assertThat(script.get("/actuator/prometheus").status()).isEqualTo(403);
	}

	@Test
	void tokenWhenSentWithBasicOfSameUserThenRightsAreTheIntersection() {
		TestUser user = TestUsers.user(admin(), "both");
		String token = TestProjects.createToken(user.client(anonymous()),
				"{\"Name\": \"narrow\", \"Scopes\": [\"work_items:read\"]}");

		ApiClient both = user.client(anonymous()).header("X-Unused", "1");
		ApiResponse response = both.get("/api/v1/Users/LoggedUser?access_token=" + token);

		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void listWhenNotOwnerThenOnlyOwnTokensAdministratorSeesAll() {
		TestUser ann = TestUsers.user(admin(), "ann");
		TestUser bob = TestUsers.user(admin(), "bob");
		long annToken = createTokenId(ann.client(anonymous()), "ann's");
		createTokenId(bob.client(anonymous()), "bob's");
		ApiClient bobClient = bob.client(anonymous()).json();

		JsonNode bobs = bobClient.get("/api/v1/AccessTokens").json().get("Items");
		assertThat(bobs).hasSize(1);
		assertThat(bobs.get(0).get("Name").asString()).isEqualTo("bob's");
		assertThat(bobClient.get("/api/v1/AccessTokens/" + annToken).status()).isEqualTo(404);
		assertThat(bobClient.delete("/api/v1/AccessTokens/" + annToken).status()).isEqualTo(404);
		JsonNode all = admin().json()
			.get("/api/v1/AccessTokens?where=(User.Login%20in%20('" + ann.login() + "','" + bob.login() + "'))")
			.json()
			.get("Items");
		assertThat(all).hasSize(2);
		assertThat(admin().delete("/api/v1/AccessTokens/" + annToken).status()).isEqualTo(204);
	}

	@Test
	void createWhenBodyNamesAnotherUserThenForbidden() {
		TestUser other = TestUsers.user(admin(), "victim");

		ApiResponse response = admin().json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"for someone\", \"User\": {\"Id\": " + other.id() + "}}");

		assertThat(response.status()).isEqualTo(403);
		assertThat(other.client(anonymous()).json().get("/api/v1/AccessTokens").json().get("Items")).isEmpty();
	}

	@Test
	void createWhenValuesInvalidThenBadRequestAndNothingWritten() {
		TestUser user = TestUsers.user(admin(), "invalid");
		ApiClient client = user.client(anonymous()).json();
		String past = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
		String tooFar = LocalDate.now(ZoneOffset.UTC).plusDays(366).toString();

		assertThat(client.postJson("/api/v1/AccessTokens", "{}").status()).isEqualTo(400);
		assertThat(client.postJson("/api/v1/AccessTokens", "{\"Name\": \"" + "n".repeat(101) + "\"}").status())
			.isEqualTo(400);
		assertThat(client.postJson("/api/v1/AccessTokens", "{\"Name\": \"x\", \"Scopes\": [\"everything\"]}").status())
			.isEqualTo(400);
		assertThat(client.postJson("/api/v1/AccessTokens", "{\"Name\": \"x\", \"Scopes\": []}").status())
			.isEqualTo(400);
		assertThat(client.postJson("/api/v1/AccessTokens", "{\"Name\": \"x\", \"ExpirationDate\": \"" + past + "\"}")
			.status()).isEqualTo(400);
		ApiResponse far = client.postJson("/api/v1/AccessTokens",
				"{\"Name\": \"x\", \"ExpirationDate\": \"" + tooFar + "\"}");
		assertThat(far.status()).isEqualTo(400);
		assertThat(far.json().get("Message").asString()).contains("365");
		assertThat(
				client.postJson("/api/v1/AccessTokens", "{\"Name\": \"x\", \"ExpirationDate\": \"someday\"}").status())
			.isEqualTo(400);
		assertThat(client.get("/api/v1/AccessTokens").json().get("Items")).isEmpty();
	}

	@Test
	void createWhenPolicyRequiresExpiryThenTokenWithoutOneRefused() {
		TestUser user = TestUsers.user(admin(), "policy");
		try {
			admin().postJson("/api/v1/Settings", "{\"TokenExpiryRequired\": true, \"TokenMaxLifetimeDays\": 30}");

			ApiResponse without = user.client(anonymous()).json().postJson("/api/v1/AccessTokens", "{\"Name\": \"x\"}");
			assertThat(without.status()).isEqualTo(400);
			assertThat(without.json().get("Message").asString()).contains("required");
			String inAMonth = LocalDate.now(ZoneOffset.UTC).plusDays(31).toString();
			assertThat(user.client(anonymous())
				.postJson("/api/v1/AccessTokens", "{\"Name\": \"x\", \"ExpirationDate\": \"" + inAMonth + "\"}")
				.status()).isEqualTo(400);
		}
		finally {
			admin().postJson("/api/v1/Settings", "{\"TokenExpiryRequired\": false, \"TokenMaxLifetimeDays\": 365}");
		}
	}

	@Test
	void deleteAllOfUserWhenAdministratorThenEveryTokenRevoked() {
		TestUser user = TestUsers.user(admin(), "all");
		String first = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"one\"}");
		String second = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"two\"}");
		assertThat(anonymous().header("Authorization", "Bearer " + first).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(200);

		assertThat(user.client(anonymous()).delete("/api/v1/Users/" + user.id() + "/AccessTokens").status())
			.as("only administrators")
			.isEqualTo(403);
		assertThat(admin().delete("/api/v1/Users/" + user.id() + "/AccessTokens").status()).isEqualTo(204);

		assertThat(anonymous().header("Authorization", "Bearer " + first).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
		assertThat(anonymous().header("Authorization", "Bearer " + second).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
	}

	@Test
	void lastUseWhenTokenUsedThenShownAtOnceAndStoredWithinTheFlushInterval() throws InterruptedException {
		TestUser user = TestUsers.user(admin(), "lastuse");
		String value = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"used\"}");
		ApiClient script = anonymous().header("Authorization", "Bearer " + value)
			.header("User-Agent", "Excel/16.0 test")
			.from("10.9.8.7");

		script.get("/api/v1/Users/LoggedUser");

		JsonNode used = user.client(anonymous())
			.json()
			.get("/api/v1/AccessTokens?where=(Name%20eq%20'used')")
			.json()
			.get("Items")
			.get(0);
		assertThat(used.get("LastUsedAddress").asString()).isEqualTo("10.9.8.7");
		assertThat(used.get("LastUsedClient").asString()).isEqualTo("Excel/16.0 test");
		assertThat(used.get("LastUsedDate").isNull()).isFalse();
		long usedId = used.get("Id").asLong();
		for (int i = 0; i < 50 && stored(usedId) == null; i++) {
			Thread.sleep(100);
		}
		assertThat(stored(usedId)).isEqualTo("10.9.8.7");
	}

	@Test
	void refusalsWhenTokensAreBadThenAuditedWithReasonAndNeverTheValue() {
		TestUser user = TestUsers.user(admin(), "audited");
		ApiClient attacker = anonymous();
		attacker.get("/api/v1/Users/LoggedUser?access_token=gpat_garbage");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"soon gone\"}");
		long id = user.client(anonymous())
			.json()
			.get("/api/v1/AccessTokens")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		user.client(anonymous()).delete("/api/v1/AccessTokens/" + id);
		attacker.header("Authorization", "Bearer " + token).get("/api/v1/Users/LoggedUser");

		this.audit.flush();

		String log = String.join("\n", this.jdbc
			.sql("select action || ' ' || coalesce(reason, '') || ' ' || coalesce(target, '') || ' '"
					+ " || coalesce(subject_login, '') from audit_events where address = :address or subject_login = :login")
			.param("address", attacker.address())
			.param("login", user.login())
			.query(String.class)
			.list());
		assertThat(log).contains("TOKEN_CREATED").contains("TOKEN_DELETED");
		assertThat(log).contains("TOKEN_REFUSED malformed or mistyped token");
		assertThat(log).contains("TOKEN_REFUSED unknown or revoked token …" + token.substring(token.length() - 4));
		assertThat(log).doesNotContain(token).doesNotContain("gpat_garbage");
	}

	private String stored(long id) {
		return this.jdbc.sql("select last_used_address from personal_access_tokens where id = :id")
			.param("id", id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static long createTokenId(ApiClient owner, String name) {
		ApiResponse created = owner.json().postJson("/api/v1/AccessTokens", "{\"Name\": \"" + name + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Id").asLong();
	}

}
