package dev.gatehouse.token;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service tokens (SPEC §3): {@code GET /api/v1/Authentication}, used as {@code ?token=},
 * valid exactly as long as the user is active and keeps login and password.
 */
class ServiceTokenIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ChangeNotifications changes;

	@Test
	void authenticationWhenRequestedThenTokenAsXmlAttributeOrJson() {
		TestUser user = TestUsers.user(admin(), "svc");

		ApiResponse xml = user.client(anonymous()).get("/api/v1/Authentication");
		ApiResponse json = user.client(anonymous()).get("/api/v1/Authentication?format=json");

		assertThat(xml.status()).isEqualTo(200);
		assertThat(xml.xpath("/Authentication/@Token")).startsWith("gsvc_");
		assertThat(json.json().get("Token").asString()).isEqualTo(xml.xpath("/Authentication/@Token"));
	}

	@Test
	void serviceTokenWhenSentAsTokenParameterThenAuthenticatesAsItsUser() {
		TestUser user = TestUsers.user(admin(), "svcuse");
		String token = serviceToken(user.client(anonymous()), "");

		ApiResponse response = anonymous().get("/api/v1/Users/LoggedUser?token=" + token);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.xpath("/User/Login")).isEqualTo(user.login());
	}

	@Test
	void serviceTokenWhenPasswordChangesThenRefused() {
		TestUser user = TestUsers.user(admin(), "svcpw");
		String token = serviceToken(user.client(anonymous()), "");

		admin().postJson("/api/v1/Users/" + user.id(), "{\"Password\": \"changed-password-1\"}");

		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + token).status()).isEqualTo(401);
		String fresh = serviceToken(anonymous().basic(user.login(), "changed-password-1"), "");
		assertThat(fresh).isNotEqualTo(token);
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + fresh).status()).isEqualTo(200);
	}

	@Test
	void serviceTokenWhenLoginChangesThenRefused() {
		TestUser user = TestUsers.user(admin(), "svclogin");
		String token = serviceToken(user.client(anonymous()), "");

		admin().postJson("/api/v1/Users/" + user.id(), "{\"Login\": \"" + unique("renamed") + "\"}");

		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + token).status()).isEqualTo(401);
	}

	@Test
	void serviceTokenWhenUserInactiveOrRequesterThenRefused() {
		TestUser user = TestUsers.user(admin(), "svcinactive");
		String token = serviceToken(user.client(anonymous()), "");

		TestUser later = TestUsers.user(admin(), "svcrequester");
		String laterToken = serviceToken(later.client(anonymous()), "");

		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false}");
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + token).status()).isEqualTo(401);
		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": true}");
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + token).status())
			.as("deactivation ended it for good")
			.isEqualTo(401);

		admin().postJson("/api/v1/Users/" + later.id(), "{\"Kind\": \"Requester\"}");
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + laterToken).status()).isEqualTo(403);
	}

	@Test
	void serviceTokenForAnotherUserWhenAdministratorThenIssuedOtherwiseForbidden() {
		TestUser other = TestUsers.user(admin(), "svcother");
		TestUser plain = TestUsers.user(admin(), "svcplain");

		String token = serviceToken(admin(), "?login=" + other.login());

		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + token).xpath("/User/Login"))
			.isEqualTo(other.login());
		assertThat(plain.client(anonymous()).get("/api/v1/Authentication?login=" + other.login()).status())
			.isEqualTo(403);
		assertThat(admin().get("/api/v1/Authentication?login=" + unique("nobody")).status()).isEqualTo(404);
	}

	@Test
	void systemServiceTokenWhenSystemHasNoPasswordThenUnauthorizedUntilOneIsSet() {
		long systemId = admin().json()
			.get("/api/v1/Users?where=(Login%20eq%20'System')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		// Other tests give System a password; take it away as on a fresh installation.
		this.jdbc.sql("update users set password_hash = null where id = :id").param("id", systemId).update();
		this.changes.publish(Topic.USER, systemId);
		String token = serviceToken(admin(), "?login=System");

		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + token).status()).isEqualTo(401);

		admin().postJson("/api/v1/Users/" + systemId, "{\"Password\": \"system-password-3\"}");
		String withPassword = serviceToken(admin(), "?login=System");
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + withPassword).xpath("/User/Login"))
			.isEqualTo("System");
	}

	@Test
	void serviceTokenWhenSentElsewhereOrTamperedThenUnauthorized() {
		TestUser user = TestUsers.user(admin(), "svcplace");
		String token = serviceToken(user.client(anonymous()), "");
		String tampered = token.substring(0, 8) + (token.charAt(8) == 'A' ? 'B' : 'A') + token.substring(9);

		assertThat(anonymous().header("Authorization", "Bearer " + token).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?access_token=" + token).status()).isEqualTo(401);
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + tampered).status()).isEqualTo(401);
	}

	@Test
	void serviceTokenAndBasicWhenNamingDifferentUsersThenUnauthorized() {
		TestUser one = TestUsers.user(admin(), "svcone");
		TestUser two = TestUsers.user(admin(), "svctwo");
		String token = serviceToken(one.client(anonymous()), "");

		assertThat(two.client(anonymous()).get("/api/v1/Users/LoggedUser?token=" + token).status()).isEqualTo(401);
		assertThat(one.client(anonymous()).get("/api/v1/Users/LoggedUser?token=" + token).status()).isEqualTo(200);
	}

	@Test
	void serviceTokenWhenLoginFormDisabledThenStillWorks() {
		TestUser user = TestUsers.user(admin(), "svcsso");
		String token = serviceToken(user.client(anonymous()), "");
		String admins = serviceToken(admin(), "");
		try {
			admin().postJson("/api/v1/Settings", "{\"LoginFormEnabled\": false}");

			assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
			assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + token).status()).isEqualTo(200);
		}
		finally {
			anonymous().postJson("/api/v1/Settings?token=" + admins, "{\"LoginFormEnabled\": true}");
		}
		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
	}

	private static String serviceToken(ApiClient client, String query) {
		ApiResponse response = client.get("/api/v1/Authentication" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.xpath("/Authentication/@Token");
	}

}
