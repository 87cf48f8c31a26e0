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
 * 429 until it refills.
 *
 * <p>
 * Only passwords are counted. Access tokens are never limited here (an unknown one costs
 * no lookup, see {@code LiveTokenHashes}), so failures from an address never lock out a
 * valid token sent from it. Nor do they lock out a login that recently signed in from
 * that address: the colleague behind the same NAT as a misconfigured job keeps signing
 * in, within their own login's limit. Every other attempt from a blocked address is
 * refused unchecked, and takes nothing from its login's bucket, so that one address
 * cannot lock every login out.
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

	/** How long a sign-in from an address keeps that login checked there. */
	private static final Duration KNOWN_SIGN_IN = Duration.ofDays(7);

	private static final Pattern WELL_FORMED_LOGIN = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

	private final Cache<String, Bucket> byAddress;

	private final Cache<String, Bucket> byLogin;

	/** Address and login pairs that signed in lately: not locked out by the address. */
	private final Cache<String, Boolean> knownSignIns;

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
		this.knownSignIns = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterWrite(KNOWN_SIGN_IN).build();
	}

	/**
	 * Takes one attempt from the address's and the login's buckets. While the address is
	 * blocked, a login that signed in from it lately takes from its own bucket only; any
	 * other attempt is refused unchecked, and takes nothing from its login: an attempt
	 * that is not checked is no guess, and must not let one address lock every login out.
	 * @param address the client address
	 * @param login the login tried
	 * @return the attempt, to be {@linkplain Attempt#succeeded() returned} if the
	 * password was right
	 * @throws TooManyLoginAttemptsException when the attempt may not be checked
	 */
	Attempt begin(String address, String login) {
		String addressKey = addressKey(address);
		Bucket addressBucket = this.byAddress.get(addressKey, (key) -> bucket(this.perAddress, this.perAddressPeriod));
		boolean addressBlocked = !addressBucket.tryConsume(1);
		if (addressBlocked && !isKnownAt(addressKey, login)) {
			throw tooMany(addressBucket);
		}
		Bucket loginBucket = isWellFormed(login)
				? this.byLogin.get(loginKey(login), (key) -> bucket(this.perLogin, this.perLoginPeriod)) : null;
		if (loginBucket != null && !loginBucket.tryConsume(1)) {
			if (!addressBlocked) {
				addressBucket.addTokens(1);
			}
			throw tooMany(loginBucket);
		}
		return new Attempt(addressKey, login, addressBlocked ? null : addressBucket, loginBucket);
	}

	/**
	 * Refuses, before even a remembered right password is used: any attempt for a login
	 * that failed too often (otherwise a guesser could tell a right guess, accepted, from
	 * a wrong one, refused), and any attempt from a blocked address for a login that did
	 * not sign in from it lately.
	 * @param address the client address
	 * @param login the login tried
	 * @throws TooManyLoginAttemptsException when the attempt may not be made
	 */
	void checkNotBlocked(String address, String login) {
		Bucket loginBucket = isWellFormed(login) ? this.byLogin.getIfPresent(loginKey(login)) : null;
		if (loginBucket != null && loginBucket.getAvailableTokens() <= 0) {
			throw tooMany(loginBucket);
		}
		String addressKey = addressKey(address);
		Bucket addressBucket = this.byAddress.getIfPresent(addressKey);
		if (addressBucket != null && addressBucket.getAvailableTokens() <= 0 && !isKnownAt(addressKey, login)) {
			throw tooMany(addressBucket);
		}
	}

	private boolean isKnownAt(String addressKey, String login) {
		return isWellFormed(login) && this.knownSignIns.getIfPresent(signInKey(addressKey, login)) != null;
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

	private static String loginKey(String login) {
		return login.toLowerCase(Locale.ROOT);
	}

	private static String signInKey(String addressKey, String login) {
		return addressKey + " " + loginKey(login);
	}

	/**
	 * One password attempt under way.
	 */
	final class Attempt {

		private final String addressKey;

		private final String login;

		private final Bucket addressBucket;

		private final Bucket loginBucket;

		private Attempt(String addressKey, String login, Bucket addressBucket, Bucket loginBucket) {
			this.addressKey = addressKey;
			this.login = login;
			this.addressBucket = addressBucket;
			this.loginBucket = loginBucket;
		}

		/**
		 * The password was right: the attempt does not count, and the login is known at
		 * this address.
		 */
		void succeeded() {
			if (this.addressBucket != null) {
				this.addressBucket.addTokens(1);
			}
			if (this.loginBucket != null) {
				this.loginBucket.addTokens(1);
				LoginAttemptLimiter.this.knownSignIns.put(signInKey(this.addressKey, this.login), Boolean.TRUE);
			}
		}

	}

}
