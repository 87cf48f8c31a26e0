package dev.gatehouse.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code expiry_digests} table: one row per day a digest went out.
 */
@Repository
class JdbcExpiryDigestRepository {

	private final JdbcClient jdbc;

	JdbcExpiryDigestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims a day for this run.
	 * @return whether no digest of that day was claimed before, by any node
	 */
	boolean claim(LocalDate day, Instant now) {
		if (this.jdbc.sql("select count(*) from expiry_digests where digest_day = :day")
			.param("day", day)
			.query(Long.class)
			.single() > 0) {
			return false;
		}
		try {
			return this.jdbc
				.sql("insert into expiry_digests (digest_day, sent_date, recipients) values (:day, :now, 0)")
				.param("day", day)
				.param("now", now.atOffset(ZoneOffset.UTC))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	void recipients(LocalDate day, int recipients) {
		this.jdbc.sql("update expiry_digests set recipients = :recipients where digest_day = :day")
			.param("day", day)
			.param("recipients", recipients)
			.update();
	}

}
