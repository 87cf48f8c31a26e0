package dev.gatehouse.authentication;

import java.util.List;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.StatementRecorder;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authenticated hot path at steady state: once a credential has been seen, reading
 * one's profile with it sends no statement to the database, and neither does a refusal of
 * a garbage or mistyped token (issue 13). Last use and refusals are written later, in
 * batches, by the scheduler's threads.
 */
class HotPathIntegrationTests extends IntegrationTestSupport {

	private static final int REQUESTS = 30;

	@Autowired
	private StatementRecorder statements;

	@Test
	void loggedUserWhenEveryKindOfCredentialIsSeenAgainThenNoDatabaseStatement() {
		TestUser user = TestUsers.user(admin(), "hot-path");
		String token = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"hot path\"}");
		List<ApiClient> clients = List.of(anonymous().bearer(token), anonymous().basic("", token),
				user.client(anonymous()));
		clients.forEach((client) -> assertThat(client.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200));
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?access_token=" + token).status()).isEqualTo(200);

		List<String> sql = this.statements.duringRequests(() -> {
			for (int i = 0; i < REQUESTS; i++) {
				for (ApiClient client : clients) {
					assertThat(client.get("/api/v1/Users/LoggedUser?format=json").status()).isEqualTo(200);
				}
				assertThat(anonymous().get("/api/v1/Users/LoggedUser?access_token=" + token).status()).isEqualTo(200);
			}
		});

		assertThat(sql).isEmpty();
	}

	@Test
	void refusalsWhenGarbageOrMistypedTokensThenNoDatabaseStatement() {
		TestUser user = TestUsers.user(admin(), "hot-refusal");
		String token = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"mistyped\"}");
		String mistyped = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");

		List<String> sql = this.statements.duringRequests(() -> {
			for (int i = 0; i < REQUESTS; i++) {
				ApiResponse garbage = anonymous().bearer("garbage-token-value").get("/api/v1/Users/LoggedUser");
				assertThat(garbage.status()).isEqualTo(401);
				assertThat(anonymous().bearer(mistyped).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
			}
		});

		assertThat(sql).isEmpty();
	}

}
