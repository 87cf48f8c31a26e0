package dev.gatehouse.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestMailServer;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's usage log (issue 16): every use, by each of the three transports, counted per
 * minute and written in batches; a use from a new network tells the owner by notice and
 * mail, with no link.
 */
class TokenUsageLogIntegrationTests extends IntegrationTestSupport {

	@Test
	void usesWhenMadeByEachTransportFromTwoNetworksThenLoggedForTheOwnerAndTheNewNetworkMailed()
			throws MessagingException {
		TestUser user = TestUsers.user(admin(), "usage");
		ApiClient owner = user.client(anonymous()).json();
		String token = TestProjects.personalToken(owner, "{\"Name\": \"Power BI\"}");
		long id = TestProjects.firstTokenId(owner);
		ApiClient office = anonymous().from("10.20.30.40").header("User-Agent", "PowerBI/2.1");

		office.bearer(token).get("/api/v1/Users/LoggedUser");
		office.bearer(token).get("/api/v1/Users/LoggedUser");
		office.get("/api/v1/Users/LoggedUser?access_token=" + token + "&where=secret");
		office.basic("", token).get("/api/v1/Projects");
		JsonNode first = usesUntil(owner, id, 3);
		anonymous().from("192.0.2.7").header("User-Agent", "curl/8.5").bearer(token).get("/api/v1/Users/LoggedUser");

		JsonNode uses = usesUntil(owner, id, 4);
		assertThat(first).hasSize(3);
		List<String> lines = new ArrayList<>();
		uses.forEach((use) -> lines
			.add(use.get("Address").asString() + " " + use.get("Method").asString() + " " + use.get("Route").asString()
					+ " " + use.get("Transport").asString() + " " + use.get("Count").asLong()));
		assertThat(lines).containsExactlyInAnyOrder("10.20.30.40 GET /api/v1/Users/LoggedUser BEARER 2",
				"10.20.30.40 GET /api/v1/Users/LoggedUser ACCESS_TOKEN_PARAMETER 1",
				"10.20.30.40 GET /api/v1/Projects BASIC_PASSWORD 1", "192.0.2.7 GET /api/v1/Users/LoggedUser BEARER 1");
		assertThat(uses.get(0).get("Client").asString()).isIn("PowerBI/2.1", "curl/8.5");
		assertThat(uses.toString()).doesNotContain(token).doesNotContain("secret");
		List<MimeMessage> mails = TestMailServer.mailsTo(user.email());
		assertThat(mails).as("the first network is no news; the second is").hasSize(1);
		assertThat(mails.get(0).getSubject()).contains("Power BI").contains("new network");
		assertThat(TestMailServer.text(mails.get(0))).contains("192.0.2.7")
			.contains("192.0.2.0/24")
			.contains("Client: curl/8.5")
			.doesNotContain("http://", "https://");
		ApiResponse page = signIn(user).get("/settings/authentication-and-security/access-tokens/" + id);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("usage-log").contains("192.0.2.7").contains("HTTP Basic");
		assertThat(TestUsers.user(admin(), "nosy")
			.client(anonymous())
			.get("/api/v1/AccessTokens/" + id + "/Uses")
			.status()).isEqualTo(404);
		assertThat(admin().get("/api/v1/AccessTokens/" + id + "/Uses").status()).isEqualTo(200);
	}

	private static JsonNode usesUntil(ApiClient owner, long id, int lines) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		JsonNode uses = owner.get("/api/v1/AccessTokens/" + id + "/Uses").json().get("Items");
		while (uses.size() < lines && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			uses = owner.get("/api/v1/AccessTokens/" + id + "/Uses").json().get("Items");
		}
		return uses;
	}

}
