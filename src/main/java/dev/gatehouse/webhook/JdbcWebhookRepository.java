package dev.gatehouse.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhooks} and {@code webhook_deliveries} tables.
 */
@Repository
class JdbcWebhookRepository {

	private static final String DELIVERY = """
			select id, webhook_id, message_id, event, create_date, attempts, state, next_attempt_date, last_status,
			       last_error
			from webhook_deliveries
			""";

	private final JdbcClient jdbc;

	JdbcWebhookRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String url, String nonce, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("insert into webhooks (url, secret_nonce, create_date) values (:url, :nonce, :now)")
			.param("url", url)
			.param("nonce", nonce)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	List<Webhook> findAll() {
		return this.jdbc.sql("select id, url, create_date from webhooks order by id")
			.query((rs, row) -> new Webhook(rs.getLong("id"), rs.getString("url"),
					rs.getObject("create_date", OffsetDateTime.class).toInstant()))
			.list();
	}

	Optional<String> nonce(long id) {
		return this.jdbc.sql("select secret_nonce from webhooks where id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	int delete(long id) {
		return this.jdbc.sql("delete from webhooks where id = :id").param("id", id).update();
	}

	void insertDelivery(long webhookId, String messageId, String event, String payload, Instant now) {
		this.jdbc.sql("""
				insert into webhook_deliveries (webhook_id, message_id, event, payload, create_date, attempts, state,
				                                next_attempt_date)
				values (:webhookId, :messageId, :event, :payload, :now, 0, 'PENDING', :now)
				""")
			.param("webhookId", webhookId)
			.param("messageId", messageId)
			.param("event", event)
			.param("payload", payload)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	List<Long> due(Instant now, int limit) {
		return this.jdbc.sql("""
				select id from webhook_deliveries where state = 'PENDING' and next_attempt_date <= :now
				order by next_attempt_date, id fetch first :limit rows only
				""").param("now", now.atOffset(ZoneOffset.UTC)).param("limit", limit).query(Long.class).list();
	}

	/**
	 * Claims a due delivery for one attempt: no other node attempts it until the lease
	 * ends.
	 * @return whether this node got it
	 */
	boolean claim(long id, Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				update webhook_deliveries set next_attempt_date = :leaseUntil
				where id = :id and state = 'PENDING' and next_attempt_date <= :now
				""")
			.param("id", id)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("leaseUntil", leaseUntil.atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

	Optional<Attempt> attempt(long id) {
		return this.jdbc.sql("""
				select d.id, d.webhook_id, d.message_id, d.payload, d.attempts, w.url
				from webhook_deliveries d join webhooks w on w.id = d.webhook_id where d.id = :id
				""")
			.param("id", id)
			.query((rs, row) -> new Attempt(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("message_id"),
					rs.getString("payload"), rs.getInt("attempts"), rs.getString("url")))
			.optional();
	}

	void recordAttempt(long id, int attempts, String state, Instant nextAttempt, Integer status, String error) {
		this.jdbc.sql("""
				update webhook_deliveries
				set attempts = :attempts, state = :state, next_attempt_date = :next, last_status = :status,
				    last_error = :error
				where id = :id
				""")
			.param("id", id)
			.param("attempts", attempts)
			.param("state", state)
			.param("next", (nextAttempt != null) ? nextAttempt.atOffset(ZoneOffset.UTC) : null)
			.param("status", status)
			.param("error", error)
			.update();
	}

	List<WebhookDelivery> deliveries(long webhookId, int limit) {
		return this.jdbc.sql(DELIVERY + " where webhook_id = :webhookId order by id desc fetch first :limit rows only")
			.param("webhookId", webhookId)
			.param("limit", limit)
			.query(JdbcWebhookRepository::map)
			.list();
	}

	private static WebhookDelivery map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime next = rs.getObject("next_attempt_date", OffsetDateTime.class);
		int status = rs.getInt("last_status");
		Integer lastStatus = rs.wasNull() ? null : status;
		return new WebhookDelivery(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("message_id"),
				rs.getString("event"), rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				rs.getInt("attempts"), rs.getString("state"), (next != null) ? next.toInstant() : null, lastStatus,
				rs.getString("last_error"));
	}

	/**
	 * What an attempt needs.
	 */
	record Attempt(long id, long webhookId, String messageId, String payload, int attempts, String url) {
	}

}
