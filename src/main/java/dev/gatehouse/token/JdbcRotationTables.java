package dev.gatehouse.token;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rotation SQL that personal and project access tokens share (issue 16): each kind
 * has a token table with a {@code lifetime_days} column and a table of the values its
 * rotations replaced, and only the table names differ. Used by the two token
 * repositories, which own the tables.
 */
final class JdbcRotationTables {

	private final JdbcClient jdbc;

	private final String tokens;

	private final String values;

	/**
	 * @param jdbc the connection
	 * @param tokens the token table, e.g. {@code personal_access_tokens}
	 * @param values its replaced values, e.g. {@code personal_access_token_values}
	 */
	JdbcRotationTables(JdbcClient jdbc, String tokens, String values) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.values = values;
	}

	/**
	 * The lifetime a token was given, in days, if it was recorded.
	 */
	Optional<Integer> lifetimeDays(long id) {
		return this.jdbc.sql("select lifetime_days from " + this.tokens + " where id = :id")
			.param("id", id)
			.query((rs, row) -> {
				int days = rs.getInt(1);
				return rs.wasNull() ? null : days;
			})
			.optional();
	}

	/**
	 * Records the lifetime a token was given: at its creation, and when its owner renews
	 * it by a rotation in person.
	 */
	void recordLifetime(long id, int days) {
		this.jdbc.sql("update " + this.tokens + " set lifetime_days = :days where id = :id")
			.param("id", id)
			.param("days", days)
			.update();
	}

	/**
	 * Ends the overlap of a token's replaced values: its new value is in use. Only while
	 * the value used is still the current one: a node that has not yet heard of a later
	 * rotation must not retire the value it is reading.
	 * @return how many values stopped working
	 */
	int retireReplacedValues(long id, String currentHash, Instant now) {
		return this.jdbc
			.sql("update " + this.values + " set retire_date = :now" + " where token_id = :id and retire_date > :now"
					+ " and exists (select 1 from " + this.tokens + " t where t.id = :id and t.token_hash = :hash)")
			.param("id", id)
			.param("hash", currentHash)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * Forgets values that stopped working before an instant: presented again, they are
	 * unknown, no longer a sign of reuse.
	 */
	int deleteValuesRetiredBefore(Instant limit) {
		return this.jdbc.sql("delete from " + this.values + " where retire_date < :limit")
			.param("limit", limit.atOffset(ZoneOffset.UTC))
			.update();
	}

}
