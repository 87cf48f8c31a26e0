package dev.gatehouse.serviceaccount;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The single row of {@code service_account}, or none.
 */
@Repository
class JdbcServiceAccountRepository {

	private final JdbcClient jdbc;

	JdbcServiceAccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Binding> find() {
		return this.jdbc.sql("select token_id, user_id from service_account where id = 1")
			.query((rs, row) -> new Binding(rs.getLong("token_id"), rs.getLong("user_id")))
			.optional();
	}

	void set(long tokenId, long userId, long setById, Instant now) {
		// Two administrators setting it at once take turns on the organisation's single
		// settings row, instead of one of them failing on the key.
		this.jdbc.sql("select id from organisation_settings where id = 1 for update").query(Long.class).single();
		this.jdbc.sql("delete from service_account where id = 1").update();
		this.jdbc
			.sql("insert into service_account (id, token_id, user_id, set_by_id, set_date)"
					+ " values (1, :tokenId, :userId, :setById, :now)")
			.param("tokenId", tokenId)
			.param("userId", userId)
			.param("setById", setById)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	int clear() {
		return this.jdbc.sql("delete from service_account where id = 1").update();
	}

	/**
	 * The account and the token it is bound to.
	 *
	 * @param tokenId the personal access token
	 * @param userId its owner, the account
	 */
	record Binding(long tokenId, long userId) {
	}

}
