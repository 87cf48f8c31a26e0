package dev.gatehouse.authentication;

import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No token can obtain a credential that outlives or outranks it (SPEC §4.5): a service
 * token, a new personal or project access token, a password and the administrator flag
 * need the user in person, with a session or a password. So revoking a leaked token takes
 * back everything it could reach.
 */
class CredentialMintingIntegrationTests extends IntegrationTestSupport {

	@Test
	void serviceTokenWhenAskedWithPersonalAccessTokenThenForbiddenSoRevokingTheTokenTakesEverythingBack() {
		TestUser bob = TestUsers.user(admin(), "leak");
		String leaked = TestProjects.personalToken(bob.client(anonymous()), "{\"Name\": \"every scope\"}");
		ApiClient thief = anonymous().json();

		for (ApiClient carrying : new ApiClient[] { thief.bearer(leaked), thief.basic("", leaked) }) {
			ApiResponse exchanged = carrying.get("/api/v1/Authentication");
			assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(403);
			assertThat(exchanged.json().get("Message").asString()).contains("cannot obtain another credential");
			assertThat(exchanged.body()).doesNotContain("gsvc_");
		}
		assertThat(thief.get("/api/v1/Authentication?access_token=" + leaked).status()).isEqualTo(403);

		assertThat(admin().delete("/api/v1/Users/" + bob.id() + "/AccessTokens").status()).isEqualTo(204);
		assertThat(thief.bearer(leaked).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
	}

	@Test
	void accessTokenWhenCreatedWithAnyTokenThenForbiddenAndNoneCreated() {
		TestUser user = TestUsers.user(admin(), "mint");
		String token = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"every scope\"}");
		String serviceToken = TestProjects.serviceToken(user.client(anonymous()));

		ApiResponse withToken = anonymous().bearer(token).json().postJson("/api/v1/AccessTokens", "{\"Name\": \"x\"}");
		ApiResponse withServiceToken = anonymous().json()
			.postJson("/api/v1/AccessTokens?token=" + serviceToken, "{\"Name\": \"y\"}");

		assertThat(withToken.status()).isEqualTo(403);
		assertThat(withToken.json().get("Message").asString()).contains("cannot obtain another credential");
		assertThat(withServiceToken.status()).isEqualTo(403);
		assertThat(user.client(anonymous()).json().get("/api/v1/AccessTokens").json().get("Items")).hasSize(1);
	}

	@Test
	void serviceTokenWhenAskedWithServiceTokenThenForbidden() {
		TestUser user = TestUsers.user(admin(), "svcsvc");
		String serviceToken = TestProjects.serviceToken(user.client(anonymous()));

		assertThat(anonymous().get("/api/v1/Authentication?token=" + serviceToken).status()).isEqualTo(403);
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + serviceToken).status()).isEqualTo(200);
	}

	@Test
	void serviceTokenWhenAskedWithPasswordOrSessionThenIssued() {
		TestUser user = TestUsers.user(admin(), "inperson");

		assertThat(user.client(anonymous()).get("/api/v1/Authentication").status()).isEqualTo(200);
		assertThat(signIn(user).get("/api/v1/Authentication").status()).isEqualTo(200);
	}

	@Test
	void projectAccessTokenWhenCreatedWithPersonalAccessTokenThenForbidden() {
		String key = TestProjects.project(admin());
		String adminToken = TestProjects.personalToken(admin(), "{\"Name\": \"every scope\"}");

		ApiResponse created = anonymous().bearer(adminToken)
			.json()
			.postJson("/api/v1/Projects/" + key + "/AccessTokens",
					"{\"Name\": \"ci\", \"ExpirationDate\": \"" + LocalDate.now(ZoneOffset.UTC).plusDays(300) + "\"}");

		assertThat(created.status()).as(created.body()).isEqualTo(403);
		assertThat(admin().json().get("/api/v1/Projects/" + key + "/AccessTokens").json().get("Items")).isEmpty();
	}

	@Test
	void userWithPasswordOrAdministratorFlagWhenCreatedWithAdminTokenThenForbiddenAndNotCreated() {
		String adminOnly = TestProjects.personalToken(admin(), "{\"Name\": \"admin only\", \"Scopes\": [\"admin\"]}");
		String everyScope = TestProjects.personalToken(admin(), "{\"Name\": \"every scope\"}");

		for (String token : new String[] { adminOnly, everyScope }) {
			String login = unique("minted");
			ApiResponse withPassword = anonymous().bearer(token)
				.json()
				.postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", \"Password\": \"password-123\","
						+ " \"IsAdministrator\": true}");
			assertThat(withPassword.status()).as(withPassword.body()).isEqualTo(403);
			assertThat(anonymous().basic(login, "password-123").get("/api/v1/Users/LoggedUser").status())
				.isEqualTo(401);
			ApiResponse promoted = anonymous().bearer(token)
				.json()
				.postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", \"IsAdministrator\": true}");
			assertThat(promoted.status()).as(promoted.body()).isEqualTo(403);
			assertThat(admin().json().get("/api/v1/Users?where=(Login%20eq%20'" + login + "')").json().get("Items"))
				.isEmpty();
		}
	}

	@Test
	void passwordOrAdministratorFlagWhenSetWithTokenThenForbiddenAndUnchanged() {
		TestUser user = TestUsers.user(admin(), "keep");
		String adminOnly = TestProjects.personalToken(admin(), "{\"Name\": \"admin only\", \"Scopes\": [\"admin\"]}");
		ApiClient script = anonymous().bearer(adminOnly).json();

		assertThat(script.postJson("/api/v1/Users/" + user.id(), "{\"Password\": \"taken-over-1\"}").status())
			.isEqualTo(403);
		assertThat(script.postJson("/api/v1/Users/" + user.id(), "{\"IsAdministrator\": true}").status())
			.isEqualTo(403);

		assertThat(user.client(anonymous())
			.json()
			.get("/api/v1/Users/LoggedUser")
			.json()
			.get("IsAdministrator")
			.asBoolean()).isFalse();
		assertThat(anonymous().basic(user.login(), "taken-over-1").get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
	}

	@Test
	void reactivationWhenAskedWithTokenThenForbiddenAndTheAccountStaysInactive() {
		TestUser former = TestUsers.administrator(admin(), "former");
		assertThat(admin().postJson("/api/v1/Users/" + former.id(), "{\"IsActive\": false}").status()).isEqualTo(200);
		String adminOnly = TestProjects.personalToken(admin(), "{\"Name\": \"admin only\", \"Scopes\": [\"admin\"]}");

		ApiResponse reactivated = anonymous().bearer(adminOnly)
			.json()
			.postJson("/api/v1/Users/" + former.id(), "{\"IsActive\": true}");

		assertThat(reactivated.status()).as("it would give the account its password back").isEqualTo(403);
		assertThat(former.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		assertThat(admin().postJson("/api/v1/Users/" + former.id(), "{\"IsActive\": true}").status()).isEqualTo(200);
	}

	@Test
	void userWithoutPasswordWhenCreatedOrChangedWithAdminTokenThenAccepted() {
		String adminOnly = TestProjects.personalToken(admin(), "{\"Name\": \"admin only\", \"Scopes\": [\"admin\"]}");
		ApiClient script = anonymous().bearer(adminOnly).json();

		ApiResponse created = script.postJson("/api/v1/Users", "{\"Login\": \"" + unique("provisioned") + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		ApiResponse renamed = script.postJson("/api/v1/Users/" + created.json().get("Id").asLong(),
				"{\"FirstName\": \"Provisioned\", \"IsActive\": false}");
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
	}

}
