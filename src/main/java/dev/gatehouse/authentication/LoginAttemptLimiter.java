package dev.gatehouse.authentication;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.ChangeNotifications.Topic;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@code Retry-After}. The buckets live in a {@link LoginAttemptStore}: PostgreSQL when
 * there may be several nodes, so two nodes allow exactly the guesses one does. A password
 * remembered as right is accepted without touching the store, so a successful request
 * costs no database work; what makes it refused while its login or address is blocked is
 * a mark kept in memory, set when this node empties or finds empty a bucket, and sent to
 * the other nodes through {@link ChangeNotifications} when it refuses. Only well-formed
 * logins get a bucket. IPv6 clients are counted per /64, the block one subscriber usually
 * holds.
 */
@Component
public class LoginAttemptLimiter {

	private static final Logger logger = LoggerFactory.getLogger(LoginAttemptLimiter.class);

	private static final int MAX_TRACKED = 100_000;

	private static final String ADDRESS = "address:";

	private static final String LOGIN = "login:";

	/** How long a sign-in from an address keeps that login checked there. */
	private static final Duration KNOWN_SIGN_IN = Duration.ofDays(7);

	private static final Pattern WELL_FORMED_LOGIN = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

	private final LoginAttemptStore store;

	private final ChangeNotifications changes;

	/**
	 * Blocked addresses and logins, by {@link #markId}: until when, in nanoTime. Set when
	 * a bucket was found empty, here or on another node.
	 */
	private final Cache<Long, Long> blockedUntil;

	/**
	 * The same, set when this node took a bucket's last attempt; cleared when that
	 * attempt turns out right and gives it back.
	 */
	private final Cache<Long, Long> lastTakenUntil;

	/** Until when the other nodes know of a block this node told them about. */
	private final Cache<Long, Long> announcedUntil;

	private final int perAddress;

	private final Duration perAddressPeriod;

	private final int perLogin;

	private final Duration perLoginPeriod;

	LoginAttemptLimiter(@Value("${gatehouse.login-attempts.per-address}") int perAddress,
			@Value("${gatehouse.login-attempts.per-address-period}") Duration perAddressPeriod,
			@Value("${gatehouse.login-attempts.per-login}") int perLogin,
			@Value("${gatehouse.login-attempts.per-login-period}") Duration perLoginPeriod, LoginAttemptStore store,
			ChangeNotifications changes) {
		this.perAddress = perAddress;
		this.perAddressPeriod = perAddressPeriod;
		this.perLogin = perLogin;
		this.perLoginPeriod = perLoginPeriod;
		this.store = store;
		this.changes = changes;
		Duration longest = (perAddressPeriod.compareTo(perLoginPeriod) > 0) ? perAddressPeriod : perLoginPeriod;
		this.blockedUntil = marks(longest);
		this.lastTakenUntil = marks(longest);
		this.announcedUntil = marks(longest);
		// Another node refused: its bucket is empty for at least one token's refill.
		changes.subscribe(Topic.ADDRESS_BLOCKED,
				(id) -> heardBlocked(id, perAddressPeriod.dividedBy(Math.max(1, perAddress))));
		changes.subscribe(Topic.LOGIN_BLOCKED,
				(id) -> heardBlocked(id, perLoginPeriod.dividedBy(Math.max(1, perLogin))));
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
		Bucket addressBucket = this.store.bucket(ADDRESS + addressKey, this.perAddress, this.perAddressPeriod);
		ConsumptionProbe addressTaken = take(addressBucket, Topic.ADDRESS_BLOCKED, ADDRESS + addressKey,
				this.perAddress, this.perAddressPeriod);
		boolean addressBlocked = !addressTaken.isConsumed();
		if (addressBlocked && !isKnownAt(addressKey, login)) {
			throw tooMany(addressTaken.getNanosToWaitForRefill());
		}
		Bucket loginBucket = isWellFormed(login)
				? this.store.bucket(LOGIN + loginKey(login), this.perLogin, this.perLoginPeriod) : null;
		if (loginBucket != null) {
			ConsumptionProbe loginTaken = take(loginBucket, Topic.LOGIN_BLOCKED, LOGIN + loginKey(login), this.perLogin,
					this.perLoginPeriod);
			if (!loginTaken.isConsumed()) {
				if (!addressBlocked) {
					giveBack(addressBucket, ADDRESS + addressKey);
				}
				throw tooMany(loginTaken.getNanosToWaitForRefill());
			}
		}
		return new Attempt(addressKey, login, addressBlocked ? null : addressBucket, loginBucket);
	}

	/**
	 * Refuses, from memory, before even a remembered right password is used: any attempt
	 * for a login that failed too often (otherwise a guesser could tell a right guess,
	 * accepted, from a wrong one, refused), and any attempt from a blocked address for a
	 * login that did not sign in from it lately.
	 * @param address the client address
	 * @param login the login tried
	 * @throws TooManyLoginAttemptsException when the attempt may not be made
	 */
	void checkNotBlocked(String address, String login) {
		if (isWellFormed(login)) {
			long loginWait = blockedFor(LOGIN + loginKey(login));
			if (loginWait > 0) {
				throw tooMany(loginWait);
			}
		}
		String addressKey = addressKey(address);
		long addressWait = blockedFor(ADDRESS + addressKey);
		if (addressWait > 0 && !isKnownAt(addressKey, login)) {
			throw tooMany(addressWait);
		}
	}

	/**
	 * Takes one token; marks the key blocked in memory when that was the last one, and
	 * tells the other nodes when there was none.
	 */
	private ConsumptionProbe take(Bucket bucket, Topic topic, String key, int capacity, Duration period) {
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			mark(this.blockedUntil, key, probe.getNanosToWaitForRefill());
			announce(topic, key, probe.getNanosToWaitForRefill());
		}
		else if (probe.getRemainingTokens() == 0) {
			mark(this.lastTakenUntil, key, period.dividedBy(Math.max(1, capacity)).toNanos());
		}
		return probe;
	}

	/**
	 * Tells the other nodes, once per block: best effort, since the bucket they share
	 * refuses the next attempt there anyway; only a remembered password would pass
	 * meanwhile.
	 */
	private void announce(Topic topic, String key, long nanos) {
		long now = System.nanoTime();
		Long announced = this.announcedUntil.getIfPresent(markId(key));
		if (announced != null && announced - now > 0) {
			return;
		}
		try {
			this.changes.publish(topic, markId(key));
			this.announcedUntil.put(markId(key), now + nanos);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not tell the other nodes of a blocked {}", topic, ex);
		}
	}

	private void giveBack(Bucket bucket, String key) {
		bucket.addTokens(1);
		this.lastTakenUntil.invalidate(markId(key));
	}

	/** Marks by {@link #markId}, until when in nanoTime; none outlives a full refill. */
	private static Cache<Long, Long> marks(Duration longest) {
		return Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterWrite(longest).build();
	}

	private static void mark(Cache<Long, Long> marks, String key, long nanos) {
		long until = System.nanoTime() + Math.max(1, nanos);
		marks.asMap().merge(markId(key), until, Math::max);
	}

	private void heardBlocked(long id, Duration wait) {
		// Blocked elsewhere: this node need not tell the others again for as long.
		if (id != ChangeNotifications.EVERYTHING) {
			this.blockedUntil.asMap().merge(id, System.nanoTime() + wait.toNanos(), Math::max);
			this.announcedUntil.asMap().merge(id, System.nanoTime() + wait.toNanos(), Math::max);
		}
	}

	/**
	 * Nanoseconds the key stays blocked, or 0.
	 */
	private long blockedFor(String key) {
		long now = System.nanoTime();
		Long blocked = this.blockedUntil.getIfPresent(markId(key));
		Long lastTaken = this.lastTakenUntil.getIfPresent(markId(key));
		return Math.max((blocked != null) ? blocked - now : 0, (lastTaken != null) ? lastTaken - now : 0);
	}

	/**
	 * A key as the notifications carry it: the first 64 bits of its SHA-256. It keeps
	 * logins out of the notifications' text, not secret: an address is easily found from
	 * it.
	 */
	static long markId(String key) {
		try {
			return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
				.getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private boolean isKnownAt(String addressKey, String login) {
		return isWellFormed(login) && this.store.isKnownSignIn(signInKey(addressKey, login));
	}

	static boolean isWellFormed(String login) {
		return login != null && WELL_FORMED_LOGIN.matcher(login).matches();
	}

	private static TooManyLoginAttemptsException tooMany(long waitNanos) {
		return new TooManyLoginAttemptsException(Duration.ofNanos(Math.max(1, waitNanos)));
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

	/**
	 * A limit of so many attempts, refilled one by one over the period.
	 */
	static Bandwidth limit(int capacity, Duration period) {
		return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
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
		 * The attempt could not be checked (the database failed): it does not count, and
		 * no failure of it may ever make the attempt count (it is answered 503 already).
		 */
		void abandoned() {
			try {
				if (this.addressBucket != null) {
					giveBack(this.addressBucket, ADDRESS + this.addressKey);
				}
				if (this.loginBucket != null) {
					giveBack(this.loginBucket, LOGIN + loginKey(this.login));
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not give back an attempt that was not checked", ex);
			}
		}

		/**
		 * The password was right: the attempt does not count, and the login is known at
		 * this address.
		 */
		void succeeded() {
			if (this.addressBucket != null) {
				giveBack(this.addressBucket, ADDRESS + this.addressKey);
			}
			if (this.loginBucket != null) {
				giveBack(this.loginBucket, LOGIN + loginKey(this.login));
				LoginAttemptLimiter.this.store.rememberSignIn(signInKey(this.addressKey, this.login), KNOWN_SIGN_IN);
			}
		}

	}

}
