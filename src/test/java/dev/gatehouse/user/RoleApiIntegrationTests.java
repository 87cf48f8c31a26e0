package dev.gatehouse.user;

import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/Roles} (SPEC §1, R-DOM-2): built-in roles grant {@code ACCESS_TOKENS};
 * administrators manage roles and their permissions.
 */
class RoleApiIntegrationTests extends IntegrationTestSupport {

	@Test
	void builtInRolesWhenListedThenEachGrantsAccessTokens() {
		JsonNode roles = admin().json().get("/api/v1/Roles?where=(IsBuiltIn%20eq%20true)").json().get("Items");

		assertThat(roles).hasSizeGreaterThanOrEqualTo(3);
		roles.forEach((role) -> assertThat(role.get("Permissions").toString()).contains("ACCESS_TOKENS"));
	}

	@Test
	void createWhenAdministratorThenRoleWithPermissions() {
		String name = unique("Reviewer");

		ApiResponse created = admin().json()
			.postJson("/api/v1/Roles", "{\"Name\": \"" + name + "\", \"Permissions\": [\"EDIT_USER_STORIES\"]}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("Name").asString()).isEqualTo(name);
		assertThat(created.json().get("Permissions").toString()).isEqualTo("[\"EDIT_USER_STORIES\"]");
	}

	@Test
	void createWhenXmlBodyThenPermissionsRead() {
		String name = unique("XmlRole");

		ApiResponse created = admin().postXml("/api/v1/Roles", "<Role><Name>" + name
				+ "</Name><Permissions><Permission>ACCESS_TOKENS</Permission><Permission>EDIT_USER_STORIES</Permission>"
				+ "</Permissions></Role>");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.xpath("/Role/@Name")).isEqualTo(name);
		assertThat(created.xpath("count(/Role/Permissions/Permission)")).isEqualTo("2");
	}

	@Test
	void updateWhenAccessTokensRemovedThenRoleNoLongerGrantsIt() {
		long id = admin().json()
			.postJson("/api/v1/Roles", "{\"Name\": \"" + unique("Temp") + "\", \"Permissions\": [\"ACCESS_TOKENS\"]}")
			.json()
			.get("Id")
			.asLong();

		ApiResponse updated = admin().json().postJson("/api/v1/Roles/" + id, "{\"Permissions\": []}");

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("Permissions")).isEmpty();
	}

	@Test
	void createWhenUnknownPermissionOrDuplicateNameThenRefused() {
		ApiResponse unknown = admin().json()
			.postJson("/api/v1/Roles", "{\"Name\": \"" + unique("Bad") + "\", \"Permissions\": [\"FLY\"]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("Message").asString()).contains("FLY");

		ApiResponse duplicate = admin().json().postJson("/api/v1/Roles", "{\"Name\": \"developer\"}");
		assertThat(duplicate.status()).isEqualTo(409);
	}

	@Test
	void writeWhenNotAdministratorThenForbidden() {
		TestUser user = TestUsers.user(admin(), "roleuser");

		ApiResponse response = user.client(anonymous())
			.postJson("/api/v1/Roles", "{\"Name\": \"" + unique("R") + "\"}");

		assertThat(response.status()).isEqualTo(403);
		assertThat(user.client(anonymous()).get("/api/v1/Roles").status()).isEqualTo(200);
	}

	@Test
	void deleteWhenBuiltInOrInUseThenRefusedOtherwiseDeleted() {
		long builtIn = admin().json()
			.get("/api/v1/Roles?where=(IsBuiltIn%20eq%20true)")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		assertThat(admin().delete("/api/v1/Roles/" + builtIn).status()).isEqualTo(400);

		long inUse = admin().json()
			.postJson("/api/v1/Roles", "{\"Name\": \"" + unique("Used") + "\"}")
			.json()
			.get("Id")
			.asLong();
		TestUsers.withRole(admin(), "holder", inUse);
		assertThat(admin().delete("/api/v1/Roles/" + inUse).status()).isEqualTo(409);

		long unused = admin().json()
			.postJson("/api/v1/Roles", "{\"Name\": \"" + unique("Unused") + "\"}")
			.json()
			.get("Id")
			.asLong();
		assertThat(admin().delete("/api/v1/Roles/" + unused).status()).isEqualTo(204);
		assertThat(admin().get("/api/v1/Roles/" + unused).status()).isEqualTo(404);
	}

}
