package dev.gatehouse.digest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestMailServer;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestWebhookReceiver;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily expiry digest (issue 16): one mail per person listing the tokens near their
 * end (owners their own, project administrators their projects'), the whole list posted
 * to a webhook whose receiver checks the signature, and once a day only.
 */
class ExpiryDigestIntegrationTests extends IntegrationTestSupport {

	@Test
	void digestWhenTokensNearTheirEndThenOneMailPerPersonAndASignedWebhookOnceADay()
			throws IOException, MessagingException {
		// A day of its own, so that no other test's digest has gone out on it.
		this.clock.advance(Duration.ofDays(3));
		try (TestWebhookReceiver receiver = TestWebhookReceiver.start()) {
			LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
			TestUser ann = TestUsers.user(admin(), "digestann");
			ApiClient annClient = ann.client(anonymous());
			TestProjects.personalToken(annClient,
					"{\"Name\": \"weekly export\", \"ExpirationDate\": \"" + today.plusDays(7) + "\"}");
			TestProjects.personalToken(annClient,
					"{\"Name\": \"quarterly\", \"ExpirationDate\": \"" + today.plusDays(30) + "\"}");
			TestProjects.personalToken(annClient,
					"{\"Name\": \"not yet\", \"ExpirationDate\": \"" + today.plusDays(12) + "\"}");
			long projectAdministrators = TestUsers.role(admin(), "DigestAdmins", "ADMINISTER_PROJECT", "ACCESS_TOKENS");
			TestUser bob = TestUsers.withRole(admin(), "digestbob", projectAdministrators);
			String key = TestProjects.project(admin());
			TestProjects.member(admin(), key, bob.id());
			TestProjects.projectToken(admin(), key, today.plusDays(1));
			ApiResponse registered = admin().json()
				.postJson("/api/v1/Settings/Webhooks", "{\"Url\": \"" + receiver.url() + "\"}");
			assertThat(registered.status()).as(registered.body()).isEqualTo(201);
			receiver.trust(registered.json().get("Secret").asString());
			receiver.clock(this.clock);

			ApiResponse sent = admin().json().method("POST", "/api/v1/Settings/ExpiryDigest");
			ApiResponse again = admin().json().method("POST", "/api/v1/Settings/ExpiryDigest");

			assertThat(sent.status()).as(sent.body()).isEqualTo(200);
			assertThat(sent.json().get("Sent").asBoolean()).isTrue();
			assertThat(again.json().get("Sent").asBoolean()).as("once a day").isFalse();
			List<MimeMessage> annMails = TestMailServer.mailsTo(ann.email());
			assertThat(annMails).hasSize(1);
			assertThat(annMails.get(0).getSubject()).isEqualTo("Gatehouse: 2 access tokens expire soon");
			assertThat(TestMailServer.text(annMails.get(0)))
				.contains("\"weekly export\"", "in 7 days", "\"quarterly\"", "in 30 days", "(yours)")
				.doesNotContain("not yet")
				.doesNotContain("http://", "https://");
			List<MimeMessage> bobMails = TestMailServer.mailsTo(bob.email());
			assertThat(bobMails).hasSize(1);
			assertThat(TestMailServer.text(bobMails.get(0))).contains("project " + key + " token 'ci'")
				.contains("tomorrow")
				.doesNotContain("weekly export");
			List<TestWebhookReceiver.Received> posts = receiver.awaitReceived(1);
			assertThat(posts).hasSize(1);
			assertThat(posts.get(0).verified()).as("signature checked by the receiver").isTrue();
			JsonNode event = JsonMapper.builder().build().readTree(posts.get(0).body());
			assertThat(event.get("type").asString()).isEqualTo("token.expiry_digest");
			assertThat(event.get("data").get("Day").asString()).isEqualTo(today.toString());
			assertThat(event.get("data").get("Tokens").toString()).contains("weekly export", "quarterly", key)
				.doesNotContain("not yet");
			JsonNode deliveries = admin().json()
				.get("/api/v1/Settings/Webhooks/" + registered.json().get("Id").asLong() + "/Deliveries")
				.json()
				.get("Items");
			assertThat(deliveries.get(0).get("State").asString()).isEqualTo("DELIVERED");
			assertThat(registered.body()).contains("whsec_");
			assertThat(admin().json().get("/api/v1/Settings/Webhooks").body()).doesNotContain("whsec_");
			assertThat(admin().delete("/api/v1/Settings/Webhooks/" + registered.json().get("Id").asLong()).status())
				.isEqualTo(204);
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void webhookWhenTheReceiverFailsThenRetriedLaterAndLogged() throws IOException {
		try (TestWebhookReceiver receiver = TestWebhookReceiver.start()) {
			ApiResponse registered = admin().json()
				.postJson("/api/v1/Settings/Webhooks", "{\"Url\": \"" + receiver.url() + "\"}");
			long id = registered.json().get("Id").asLong();
			receiver.trust(registered.json().get("Secret").asString());
			receiver.clock(this.clock);
			receiver.answer(503);
			this.clock.advance(Duration.ofDays(5));
			try {
				TestProjects.personalToken(TestUsers.user(admin(), "retry").client(anonymous()),
						"{\"Name\": \"soon\", \"ExpirationDate\": \""
								+ LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).plusDays(1) + "\"}");
				admin().json().method("POST", "/api/v1/Settings/ExpiryDigest");
				receiver.awaitReceived(1);
				JsonNode failed = awaitAttempt(id);
				assertThat(failed.get("State").asString()).isEqualTo("PENDING");
				assertThat(failed.get("Attempts").asInt()).isEqualTo(1);
				assertThat(failed.get("LastStatus").asInt()).isEqualTo(503);
				assertThat(failed.get("NextAttemptDate")).isNotNull();
			}
			finally {
				this.clock.reset();
				admin().delete("/api/v1/Settings/Webhooks/" + id);
			}
		}
	}

	private JsonNode awaitAttempt(long webhookId) {
		Instant deadline = Instant.now().plusSeconds(10);
		JsonNode delivery = null;
		while (Instant.now().isBefore(deadline)) {
			delivery = admin().json()
				.get("/api/v1/Settings/Webhooks/" + webhookId + "/Deliveries")
				.json()
				.get("Items")
				.get(0);
			if (delivery != null && delivery.get("Attempts").asInt() > 0) {
				return delivery;
			}
			TestWebhookReceiver.pause();
		}
		return delivery;
	}

	@Test
	void webhookWhenUrlIsNoUrlOrNonAdministratorThenRefused() {
		assertThat(admin().json().postJson("/api/v1/Settings/Webhooks", "{\"Url\": \"ftp://example.com/x\"}").status())
			.isEqualTo(400);
		assertThat(admin().json().postJson("/api/v1/Settings/Webhooks", "{\"Url\": \"not a url\"}").status())
			.isEqualTo(400);
		assertThat(TestUsers.user(admin(), "nohooks")
			.client(anonymous())
			.json()
			.postJson("/api/v1/Settings/Webhooks", "{\"Url\": \"https://example.com/x\"}")
			.status()).isEqualTo(403);
	}

}
