package dev.gatehouse.authentication;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.TestDatabase;
import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The failed-login buckets in PostgreSQL (Bucket4j's select-for-update backend on the
 * real migration): two nodes' stores draw from one bucket, and a full bucket's row is
 * removed.
 */
@Import(JdbcKnownSignInRepository.class)
class SharedLoginAttemptStoreSliceTests extends RepositorySliceSupport {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcKnownSignInRepository knownSignIns;

	@BeforeEach
	void onPostgresql() {
		assumeTrue(TestDatabase.name().equals("postgresql"),
				"Shared buckets are PostgreSQL's; H2 keeps them in memory");
	}

	@Test
	void bucketWhenTakenOnTwoNodesThenOneLimit() {
		String key = "login:" + unique("ann");
		Bucket onFirst = node().bucket(key, 3, Duration.ofMinutes(5));
		Bucket onSecond = node().bucket(key, 3, Duration.ofMinutes(5));

		assertThat(onFirst.tryConsume(1)).isTrue();
		assertThat(onSecond.tryConsume(1)).isTrue();
		assertThat(onFirst.tryConsume(1)).isTrue();

		assertThat(onSecond.tryConsume(1)).isFalse();
		assertThat(onFirst.tryConsume(1)).isFalse();
	}

	@Test
	void removeExpiredWhenABucketIsFullAgainThenItsRowGoes() throws InterruptedException {
		String key = "address:" + unique("192.0.2.");
		SharedLoginAttemptStore store = node();
		assertThat(store.bucket(key, 2, Duration.ofMillis(100)).tryConsume(1)).isTrue();
		assertThat(rows(key)).isEqualTo(1);

		Thread.sleep(300);
		store.removeExpired();

		assertThat(rows(key)).isZero();
	}

	private SharedLoginAttemptStore node() {
		return new SharedLoginAttemptStore(this.dataSource, this.knownSignIns, Clock.systemUTC());
	}

	private long rows(String key) {
		return this.jdbc.sql("select count(*) from login_attempt_buckets where id = ?")
			.param(key)
			.query(Long.class)
			.single();
	}

}
