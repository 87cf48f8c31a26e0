package dev.gatehouse;

import java.time.LocalDate;

import dev.gatehouse.TestUsers.TestUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sets a service account through the API, as an administrator does: a new administrator,
 * one token of theirs, bound. Tests that set one remove it after
 * ({@code DELETE /api/v1/ServiceAccount}), since the test server is shared.
 */
public final class TestServiceAccounts {

	/** The scopes SPEC §6.2 requires, and time, which timers need (issue 17). */
	public static final String SCOPES = "[\"profile:read\", \"identity:read\", \"work_items:read\", \"work_items:write\","
			+ " \"time:read\", \"time:write\"]";

	/** The scopes SPEC §6.2 requires, and no more. */
	public static final String REQUIRED_SCOPES = "[\"profile:read\", \"identity:read\", \"work_items:read\","
			+ " \"work_items:write\"]";

	private TestServiceAccounts() {
	}

	/**
	 * A healthy service account whose token can log time.
	 */
	public static TestUser set(ApiClient admin, ApiClient anonymous, LocalDate today) {
		return set(admin, anonymous, today, SCOPES);
	}

	/**
	 * A healthy service account with a token of those scopes, living 200 days.
	 * @param admin the administrator's client
	 * @param anonymous a client without credentials
	 * @param today the server's today
	 * @param scopes a JSON array of scope names
	 * @return the account
	 */
	public static TestUser set(ApiClient admin, ApiClient anonymous, LocalDate today, String scopes) {
		TestUser account = TestUsers.administrator(admin, "account");
		long token = account.client(anonymous)
			.json()
			.postJson("/api/v1/AccessTokens",
					"{\"Name\": \"service\", \"Scopes\": " + scopes + ", \"ExpirationDate\": \"" + today.plusDays(200)
							+ "\"}")
			.json()
			.get("Id")
			.asLong();
		ApiResponse set = account.client(anonymous)
			.json()
			.postJson("/api/v1/ServiceAccount", "{\"AccessToken\": {\"Id\": " + token + "}}");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		return account;
	}

}
