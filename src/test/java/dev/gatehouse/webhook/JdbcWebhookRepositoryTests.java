package dev.gatehouse.webhook;

import java.time.Instant;

import dev.gatehouse.RepositorySliceSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks and their deliveries: a due delivery is claimed by one attempt only, its
 * outcome recorded, and it goes with its webhook.
 */
@Import(JdbcWebhookRepository.class)
class JdbcWebhookRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");

	@Autowired
	private JdbcWebhookRepository webhooks;

	@Test
	void claimWhenDueThenOneAttemptOnlyUntilItsLeaseEnds() {
		long id = this.webhooks.insert("https://hooks.example.com/x", "00ff", NOW);
		this.webhooks.insertDelivery(id, "msg_1", "token.expiry_digest", "{}", NOW);
		long delivery = this.webhooks.due(NOW, 10)
			.stream()
			.filter((due) -> this.webhooks.attempt(due).orElseThrow().webhookId() == id)
			.findFirst()
			.orElseThrow();

		assertThat(this.webhooks.claim(delivery, NOW, NOW.plusSeconds(300))).isTrue();
		assertThat(this.webhooks.claim(delivery, NOW, NOW.plusSeconds(300))).as("leased").isFalse();
		assertThat(this.webhooks.claim(delivery, NOW.plusSeconds(301), NOW.plusSeconds(600))).as("lease over").isTrue();
		this.webhooks.recordAttempt(delivery, 1, "DELIVERED", null, 204, null);
		assertThat(this.webhooks.deliveries(id, 10).get(0).state()).isEqualTo("DELIVERED");
		assertThat(this.webhooks.claim(delivery, NOW.plusSeconds(900), NOW.plusSeconds(1200))).isFalse();
		assertThat(this.webhooks.nonce(id)).contains("00ff");
		assertThat(this.webhooks.delete(id)).isEqualTo(1);
		assertThat(this.webhooks.attempt(delivery)).as("deliveries go with their webhook").isEmpty();
	}

}
