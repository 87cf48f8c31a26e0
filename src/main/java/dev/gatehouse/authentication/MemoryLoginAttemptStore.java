package dev.gatehouse.authentication;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;

/**
 * The limits of a single node, in memory. Caffeine bounds the number of buckets, so an
 * attacker cannot make the node hold arbitrary keys.
 */
final class MemoryLoginAttemptStore implements LoginAttemptStore {

	private static final int MAX_TRACKED = 100_000;

	private final Cache<String, Bucket> buckets;

	private final Cache<String, Duration> knownSignIns = Caffeine.newBuilder()
		.maximumSize(MAX_TRACKED)
		.expireAfter(Expiry.creating((String key, Duration lifetime) -> lifetime))
		.build();

	MemoryLoginAttemptStore(Duration longestPeriod) {
		this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(longestPeriod).build();
	}

	@Override
	public Bucket bucket(String key, int capacity, Duration period) {
		return this.buckets.get(key,
				(missing) -> Bucket.builder().addLimit(LoginAttemptLimiter.limit(capacity, period)).build());
	}

	@Override
	public boolean isKnownSignIn(String signInKey) {
		return this.knownSignIns.getIfPresent(signInKey) != null;
	}

	@Override
	public void rememberSignIn(String signInKey, Duration lifetime) {
		this.knownSignIns.put(signInKey, lifetime);
	}

}
