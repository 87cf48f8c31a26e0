package dev.gatehouse.digest;

import java.time.Instant;
import java.time.LocalDate;

import dev.gatehouse.RepositorySliceSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest's day: claimed once.
 */
@Import(JdbcExpiryDigestRepository.class)
class JdbcExpiryDigestRepositoryTests extends RepositorySliceSupport {

	@Autowired
	private JdbcExpiryDigestRepository digests;

	@Test
	void claimWhenTheDayWasClaimedThenNotAgain() {
		LocalDate day = LocalDate.of(2031, 1, 1 + (int) (System.nanoTime() % 28));
		Instant now = Instant.parse("2026-12-04T07:00:00Z");

		assertThat(this.digests.claim(day, now)).isTrue();
		assertThat(this.digests.claim(day, now)).isFalse();
		assertThat(this.digests.claim(day.plusDays(1000), now)).isTrue();
	}

}
