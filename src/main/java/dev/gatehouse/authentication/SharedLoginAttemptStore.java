package dev.gatehouse.authentication;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * The limits of several nodes, in PostgreSQL: Bucket4j keeps each bucket in a row of
 * {@code login_attempt_buckets} and takes from it under {@code SELECT ... FOR UPDATE}, so
 * concurrent attempts on any node draw from one bucket. Only a password that is actually
 * checked costs this (a remembered one is checked in memory, see
 * {@link LoginAttemptLimiter#checkNotBlocked}); a bucket's row goes once it is full
 * again.
 */
final class SharedLoginAttemptStore implements LoginAttemptStore {

	/**
	 * How long a known sign-in is trusted from memory before the table is asked again.
	 */
	private static final Duration KNOWN_LOCALLY = Duration.ofMinutes(1);

	private static final int CLEAN_UP_BATCH = 1_000;

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final JdbcKnownSignInRepository knownSignIns;

	private final Clock clock;

	/**
	 * Known sign-ins found lately: a blocked address's regular users cost no query each.
	 */
	private final Cache<String, Boolean> knownLocally = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(KNOWN_LOCALLY)
		.build();

	SharedLoginAttemptStore(DataSource dataSource, JdbcKnownSignInRepository knownSignIns, Clock clock) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("login_attempt_buckets")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build();
		this.knownSignIns = knownSignIns;
		this.clock = clock;
	}

	@Override
	public Bucket bucket(String key, int capacity, Duration period) {
		return this.buckets.builder()
			.build(key,
					() -> BucketConfiguration.builder().addLimit(LoginAttemptLimiter.limit(capacity, period)).build());
	}

	@Override
	public boolean isKnownSignIn(String signInKey) {
		if (this.knownLocally.getIfPresent(signInKey) != null) {
			return true;
		}
		boolean known = this.knownSignIns.isKnown(signInKey, this.clock.instant());
		if (known) {
			this.knownLocally.put(signInKey, Boolean.TRUE);
		}
		return known;
	}

	@Override
	public void rememberSignIn(String signInKey, Duration lifetime) {
		this.knownSignIns.remember(signInKey, this.clock.instant().plus(lifetime));
		this.knownLocally.put(signInKey, Boolean.TRUE);
	}

	/**
	 * Removes full buckets and old sign-ins, a batch at a time, on whichever node runs it
	 * first ({@code SKIP LOCKED}).
	 */
	@Scheduled(fixedDelayString = "${gatehouse.login-attempts.clean-up-interval:5m}")
	void removeExpired() {
		while (this.buckets.removeExpired(CLEAN_UP_BATCH) == CLEAN_UP_BATCH) {
			// More to remove.
		}
		this.knownSignIns.deleteExpired(this.clock.instant());
	}

}
