package dev.gatehouse.authentication;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which login signed in lately from which address, for every node.
 */
@Repository
class JdbcKnownSignInRepository {

	private final JdbcClient jdbc;

	JdbcKnownSignInRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isKnown(String signInKey, Instant now) {
		return this.jdbc.sql("select count(*) from known_sign_ins where sign_in_key = ? and expiry_date > ?")
			.params(signInKey, at(now))
			.query(Long.class)
			.single() > 0;
	}

	void remember(String signInKey, Instant expiry) {
		int updated = this.jdbc.sql("update known_sign_ins set expiry_date = ? where sign_in_key = ?")
			.params(at(expiry), signInKey)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("insert into known_sign_ins (sign_in_key, expiry_date) values (?, ?)")
					.params(signInKey, at(expiry))
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another node remembered it at the same moment: as good.
			}
		}
	}

	int deleteExpired(Instant now) {
		return this.jdbc.sql("delete from known_sign_ins where expiry_date <= ?").param(at(now)).update();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
