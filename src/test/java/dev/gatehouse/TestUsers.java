package dev.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates users through the API as the administrator, each under a unique login, with the
 * address {@code <login>@gatehouse.test}, whose mail {@link TestMailServer} receives.
 */
public final class TestUsers {

	static final String PASSWORD = "password-for-tests";

	private TestUsers() {
	}

	public static TestUser user(ApiClient admin, String prefix) {
		return create(admin, prefix, "User", "");
	}

	public static TestUser requester(ApiClient admin, String prefix) {
		return create(admin, prefix, "Requester", "");
	}

	public static TestUser administrator(ApiClient admin, String prefix) {
		return create(admin, prefix, "User", ", \"IsAdministrator\": true");
	}

	public static TestUser withRole(ApiClient admin, String prefix, long roleId) {
		return create(admin, prefix, "User", ", \"Role\": {\"Id\": " + roleId + "}");
	}

	/**
	 * A new role, under a unique name, with these permissions.
	 * @return its id
	 */
	public static long role(ApiClient admin, String prefix, String... permissions) {
		String granted = java.util.Arrays.stream(permissions)
			.map((permission) -> "\"" + permission + "\"")
			.collect(java.util.stream.Collectors.joining(", "));
		ApiResponse created = admin.json()
			.postJson("/api/v1/Roles", "{\"Name\": \"" + IntegrationTestSupport.unique(prefix)
					+ "\", \"Permissions\": [" + granted + "]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Id").asLong();
	}

	private static TestUser create(ApiClient admin, String prefix, String kind, String extra) {
		String login = IntegrationTestSupport.unique(prefix);
		ApiResponse created = admin.json()
			.postJson("/api/v1/Users",
					"{\"Login\": \"" + login + "\", \"Password\": \"" + PASSWORD
							+ "\", \"FirstName\": \"Test\", \"LastName\": \"" + prefix + "\", \"Kind\": \"" + kind
							+ "\", \"Email\": \"" + login + "@gatehouse.test\"" + extra + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new TestUser(created.json().get("Id").asLong(), login, PASSWORD);
	}

	public record TestUser(long id, String login, String password) {

		/**
		 * The user's mail address.
		 */
		public String email() {
			return this.login + "@gatehouse.test";
		}

		public ApiClient client(ApiClient base) {
			return base.basic(this.login, this.password);
		}

	}

}
