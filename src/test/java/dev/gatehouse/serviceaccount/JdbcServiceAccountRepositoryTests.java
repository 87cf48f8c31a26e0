package dev.gatehouse.serviceaccount;

import java.time.Instant;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.serviceaccount.JdbcServiceAccountRepository.Binding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service account's single row: set, replaced by the next set, and cleared.
 */
@Import(JdbcServiceAccountRepository.class)
class JdbcServiceAccountRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	@Autowired
	private JdbcServiceAccountRepository serviceAccount;

	private long administrator;

	@BeforeEach
	void noServiceAccount() {
		// A long-lived database may have one; the test's transaction forgets the clear.
		this.serviceAccount.clear();
		this.administrator = user(unique("admin"), true);
	}

	@Test
	void findWhenNoneSetThenEmpty() {
		assertThat(this.serviceAccount.find()).isEmpty();
	}

	@Test
	void setWhenSetAgainThenTheLastBindingIsTheOnlyOne() {
		long account = user(unique("account"), true);
		long other = user(unique("account"), true);

		this.serviceAccount.set(11, account, this.administrator, NOW);
		this.serviceAccount.set(12, other, this.administrator, NOW.plusSeconds(1));

		assertThat(this.serviceAccount.find()).contains(new Binding(12, other));
		assertThat(this.jdbc.sql("select count(*) from service_account").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void clearWhenSetThenOneRowRemovedAndNoneFound() {
		this.serviceAccount.set(11, user(unique("account"), true), this.administrator, NOW);

		assertThat(this.serviceAccount.clear()).isEqualTo(1);
		assertThat(this.serviceAccount.find()).isEmpty();
		assertThat(this.serviceAccount.clear()).isZero();
	}

}
