package dev.gatehouse.authentication;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate-limits password sign-ins per client address and per login (SPEC §2.6).
 *
 * <p>
 * Every attempt takes a token from both buckets <em>before</em> the password is checked,
 * and a successful one gives them back. So concurrent guesses cannot all pass while the
 * first failures are still being hashed. An empty bucket refuses further attempts with
 * 429 until it refills. Access tokens are not counted against a login, so someone
 * guessing a user's password never locks out that user's tokens.
 *
 * <p>
 * Bucket4j's token buckets give the refill arithmetic and the exact wait for
 * {@code Retry-After}. Caffeine bounds the number of buckets, and only well-formed logins
 * get one, so an attacker cannot make us hold arbitrary keys. IPv6 clients are counted
 * per /64, the block one subscriber usually holds. The limits are per server node.
 */
@Component
public class LoginAttemptLimiter {

	private static final int MAX_TRACKED = 100_000;

	private static final Pattern WELL_FORMED_LOGIN = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

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
	 * Takes one attempt from the address's and the login's buckets.
	 * @param address the client address
	 * @param login the login tried
	 * @return the attempt, to be {@linkplain Attempt#succeeded() returned} if the
	 * password was right
	 * @throws TooManyLoginAttemptsException when either bucket is empty; nothing is taken
	 */
	Attempt begin(String address, String login) {
		Bucket addressBucket = this.byAddress.get(addressKey(address),
				(key) -> bucket(this.perAddress, this.perAddressPeriod));
		Bucket loginBucket = isWellFormed(login)
				? this.byLogin.get(login.toLowerCase(Locale.ROOT), (key) -> bucket(this.perLogin, this.perLoginPeriod))
				: null;
		if (!addressBucket.tryConsume(1)) {
			throw tooMany(addressBucket);
		}
		if (loginBucket != null && !loginBucket.tryConsume(1)) {
			addressBucket.addTokens(1);
			throw tooMany(loginBucket);
		}
		return new Attempt(addressBucket, loginBucket);
	}

	/**
	 * Counts a refused token against its client address: tokens are not guessable, but
	 * each unknown one costs a lookup.
	 * @param address the client address
	 */
	void recordTokenFailure(String address) {
		this.byAddress.get(addressKey(address), (key) -> bucket(this.perAddress, this.perAddressPeriod)).tryConsume(1);
	}

	/**
	 * Refuses an unknown token from an address that failed too often; tokens already
	 * known to be valid are still accepted from it.
	 * @param address the client address
	 * @throws TooManyLoginAttemptsException when the address's bucket is empty
	 */
	void checkTokenLookupAllowed(String address) {
		Bucket bucket = this.byAddress.getIfPresent(addressKey(address));
		if (bucket != null && bucket.getAvailableTokens() <= 0) {
			throw tooMany(bucket);
		}
	}

	boolean isTokenLookupAllowed(String address) {
		Bucket bucket = this.byAddress.getIfPresent(addressKey(address));
		return bucket == null || bucket.getAvailableTokens() > 0;
	}

	/**
	 * Refuses any password attempt, even one with a remembered right password, while the
	 * address or the login is blocked: otherwise a blocked guesser could tell a right
	 * guess (accepted) from a wrong one (refused).
	 * @param address the client address
	 * @param login the login tried
	 * @throws TooManyLoginAttemptsException when either bucket is empty
	 */
	void checkNotBlocked(String address, String login) {
		Bucket addressBucket = this.byAddress.getIfPresent(addressKey(address));
		if (addressBucket != null && addressBucket.getAvailableTokens() <= 0) {
			throw tooMany(addressBucket);
		}
		Bucket loginBucket = isWellFormed(login) ? this.byLogin.getIfPresent(login.toLowerCase(Locale.ROOT)) : null;
		if (loginBucket != null && loginBucket.getAvailableTokens() <= 0) {
			throw tooMany(loginBucket);
		}
	}

	static boolean isWellFormed(String login) {
		return login != null && WELL_FORMED_LOGIN.matcher(login).matches();
	}

	private static TooManyLoginAttemptsException tooMany(Bucket bucket) {
		long waitNanos = Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
		return new TooManyLoginAttemptsException(Duration.ofNanos(waitNanos));
	}

	/**
	 * The address a limit applies to: the address itself, or its /64 for IPv6.
	 */
	static String addressKey(String address) {
		if (address == null || !address.contains(":")) {
			return String.valueOf(address);
		}
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length == 16) {
				return String.format("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", bytes[0], bytes[1], bytes[2], bytes[3],
						bytes[4], bytes[5], bytes[6], bytes[7]);
			}
		}
		catch (UnknownHostException ex) {
			// Not a literal address; counted as written.
		}
		return address;
	}

	private static Bucket bucket(int capacity, Duration period) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
			.build();
	}

	/**
	 * One password attempt under way.
	 */
	static final class Attempt {

		private final Bucket address;

		private final Bucket login;

		private Attempt(Bucket address, Bucket login) {
			this.address = address;
			this.login = login;
		}

		/**
		 * The password was right: the attempt does not count.
		 */
		void succeeded() {
			this.address.addTokens(1);
			if (this.login != null) {
				this.login.addTokens(1);
			}
		}

	}

}
