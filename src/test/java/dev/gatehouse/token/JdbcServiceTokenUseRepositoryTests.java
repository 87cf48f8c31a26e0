package dev.gatehouse.token;

import java.time.Instant;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service token uses: one line per user, address and client, whose counts add up and
 * whose last use only moves forward; read per user and for everyone since an instant.
 */
@Import(JdbcServiceTokenUseRepository.class)
class JdbcServiceTokenUseRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");

	@Autowired
	private JdbcServiceTokenUseRepository uses;

	@Test
	void addWhenTheSameIntegrationAgainThenCountsAddUpAndTheLastUseOnlyMovesForward() {
		long user = user(unique("legacy"), false);

		this.uses.add(user, "10.0.0.1", "Excel/16.0", NOW, NOW, 2);
		this.uses.add(user, "10.0.0.1", "Excel/16.0", NOW.minusSeconds(60), NOW.minusSeconds(60), 3);
		this.uses.add(user, "10.0.0.2", "", NOW.minusSeconds(3600), NOW.minusSeconds(3600), 1);

		List<ServiceTokenUse> recent = this.uses.usedSince(user, NOW.minusSeconds(600));
		assertThat(recent).hasSize(1);
		assertThat(recent.get(0).uses()).isEqualTo(5);
		assertThat(recent.get(0).lastUsedDate()).isEqualTo(NOW);
		assertThat(this.uses.usedSince(user, NOW.minusSeconds(7200))).hasSize(2);
		assertThat(this.uses.usedSince(NOW.minusSeconds(7200))).filteredOn((use) -> use.userId() == user)
			.extracting(ServiceTokenUse::address)
			.containsExactly("10.0.0.1", "10.0.0.2");
	}

	@Test
	void addWhenTheUserDoesNotExistThenNothingWritten() {
		this.uses.add(999_999_999L, "10.0.0.1", "", NOW, NOW, 1);

		assertThat(this.uses.usedSince(999_999_999L, NOW.minusSeconds(60))).isEmpty();
	}

}
