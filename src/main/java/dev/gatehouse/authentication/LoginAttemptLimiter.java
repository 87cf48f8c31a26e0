package dev.gatehouse.authentication;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate-limits failed password sign-ins per client address and per login (SPEC §2.6). Each
 * failure takes a token from both buckets; an empty bucket refuses further password
 * attempts until it refills. Tokens (access tokens) are not counted against a login, so
 * an attacker guessing a user's password never locks out that user's valid tokens.
 *
 * <p>
 * Bucket4j's token buckets give the refill arithmetic and the exact wait for
 * {@code Retry-After}; Caffeine bounds the memory an attacker can make us spend on
 * buckets. The limits are per server node.
 */
@Component
public class LoginAttemptLimiter {

	private static final int MAX_TRACKED = 100_000;

	private final Cache<String, Bucket> byAddress;

	private final Cache<String, Bucket> byLogin;

	private final int perAddress;

	private final Duration perAddressPeriod;

	private final int perLogin;

	private final Duration perLoginPeriod;

	LoginAttemptLimiter(@Value("${gatehouse.login-attempts.per-address}") int perAddress,
			@Value("${gatehouse.login-attempts.per-address-period}") Duration perAddressPeriod,
			@Value("${gatehouse.login-attempts.per-login}") int perLogin,
			@Value("${gatehouse.login-attempts.per-login-period}") Duration perLoginPeriod) {
		this.perAddress = perAddress;
		this.perAddressPeriod = perAddressPeriod;
		this.perLogin = perLogin;
		this.perLoginPeriod = perLoginPeriod;
		this.byAddress = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(perAddressPeriod).build();
		this.byLogin = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(perLoginPeriod).build();
	}

	/**
	 * Refuses a password attempt while either bucket is empty.
	 * @param address the client address
	 * @param login the login tried
	 * @throws TooManyLoginAttemptsException when the attempt must not be checked
	 */
	void checkAllowed(String address, String login) {
		long waitNanos = Math.max(wait(this.byAddress.getIfPresent(address)),
				wait(this.byLogin.getIfPresent(loginKey(login))));
		if (waitNanos > 0) {
			throw new TooManyLoginAttemptsException(Duration.ofNanos(waitNanos));
		}
	}

	/**
	 * Refuses a further attempt from an address that has failed too often, whatever
	 * credential it tries.
	 * @param address the client address
	 */
	void checkAddressAllowed(String address) {
		long waitNanos = wait(this.byAddress.getIfPresent(address));
		if (waitNanos > 0) {
			throw new TooManyLoginAttemptsException(Duration.ofNanos(waitNanos));
		}
	}

	void recordFailure(String address, String login) {
		recordAddressFailure(address);
		if (login != null) {
			this.byLogin.get(loginKey(login), (key) -> bucket(this.perLogin, this.perLoginPeriod)).tryConsume(1);
		}
	}

	void recordAddressFailure(String address) {
		this.byAddress.get(address, (key) -> bucket(this.perAddress, this.perAddressPeriod)).tryConsume(1);
	}

	private static long wait(Bucket bucket) {
		if (bucket == null || bucket.getAvailableTokens() > 0) {
			return 0;
		}
		return Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
	}

	private static Bucket bucket(int capacity, Duration period) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
			.build();
	}

	private static String loginKey(String login) {
		return login.toLowerCase(Locale.ROOT);
	}

}
