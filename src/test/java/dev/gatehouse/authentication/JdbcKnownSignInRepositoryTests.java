package dev.gatehouse.authentication;

import java.time.Instant;

import dev.gatehouse.RepositorySliceSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known sign-ins on both databases: remembered until their expiry, remembered again
 * without a duplicate, and cleaned up once expired.
 */
@Import(JdbcKnownSignInRepository.class)
class JdbcKnownSignInRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

	@Autowired
	private JdbcKnownSignInRepository knownSignIns;

	@Test
	void isKnownWhenRememberedThenUntilItsExpiryOnly() {
		String key = "192.0.2.1 " + unique("ann");
		assertThat(this.knownSignIns.isKnown(key, NOW)).isFalse();

		this.knownSignIns.remember(key, NOW.plusSeconds(60));

		assertThat(this.knownSignIns.isKnown(key, NOW)).isTrue();
		assertThat(this.knownSignIns.isKnown(key, NOW.plusSeconds(61))).isFalse();
	}

	@Test
	void rememberWhenAlreadyKnownThenExpiryMovedWithoutADuplicate() {
		String key = "192.0.2.2 " + unique("bob");
		this.knownSignIns.remember(key, NOW.plusSeconds(60));

		this.knownSignIns.remember(key, NOW.plusSeconds(600));

		assertThat(this.knownSignIns.isKnown(key, NOW.plusSeconds(300))).isTrue();
		assertThat(this.jdbc.sql("select count(*) from known_sign_ins where sign_in_key = ?")
			.param(key)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void deleteExpiredWhenSomeExpiredThenOnlyThoseGo() {
		String old = "192.0.2.3 " + unique("old");
		String current = "192.0.2.3 " + unique("cur");
		this.knownSignIns.remember(old, NOW.minusSeconds(1));
		this.knownSignIns.remember(current, NOW.plusSeconds(60));

		this.knownSignIns.deleteExpired(NOW);

		assertThat(this.jdbc.sql("select sign_in_key from known_sign_ins where sign_in_key in (?, ?)")
			.params(old, current)
			.query(String.class)
			.list()).containsExactly(current);
	}

}
