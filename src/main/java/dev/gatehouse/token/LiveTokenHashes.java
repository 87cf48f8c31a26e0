package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.DatabaseOutage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which personal and project access tokens exist, from memory, so that a flood of
 * well-formed but unknown tokens costs no database query (their checksum is public, so
 * anyone can make them by the million) without refusing any valid token for it.
 *
 * <p>
 * It holds the first 64 bits of every stored token's hash: a token whose prefix is absent
 * does not exist; one whose prefix is present is looked up as before (a collision only
 * costs that lookup). Every node loads the set once, then learns each token issued on any
 * node through {@link ChangeNotifications} when it is committed, and forgets a prefix
 * when a lookup finds no token for it (a revoked token). Should a notification be late or
 * lost, an unknown prefix triggers a look at the tokens created in the last few seconds,
 * at most four times a second whatever the traffic.
 *
 * <p>
 * Memory: one {@code Long} in a concurrent set per token, 65 bytes, so 65 MB per million
 * tokens on JDK 17 ({@code bench/live-token-hashes.sh}).
 */
@Component
class LiveTokenHashes {

	/** How far back a late look for newly issued tokens reaches. */
	private static final Duration RECENT = Duration.ofSeconds(30);

	/** The least time between two such looks. */
	private static final Duration RECENT_LOOK_INTERVAL = Duration.ofMillis(250);

	private final JdbcPersonalAccessTokenRepository personalTokens;

	private final JdbcProjectAccessTokenRepository projectTokens;

	private final ChangeNotifications changes;

	private final Clock clock;

	private final Set<Long> prefixes = ConcurrentHashMap.newKeySet();

	private final ReentrantLock recentLook = new ReentrantLock();

	/** Reloads asked for (a node that listens again may have missed notifications). */
	private final AtomicLong reloadsAsked = new AtomicLong();

	/** The reload the set holds, -1 before the first load. */
	private volatile long loaded = -1;

	private final TransactionTemplate readOnly;

	private volatile long lastRecentLookNanos = System.nanoTime() - RECENT_LOOK_INTERVAL.toNanos();

	LiveTokenHashes(JdbcPersonalAccessTokenRepository personalTokens, JdbcProjectAccessTokenRepository projectTokens,
			ChangeNotifications changes, Clock clock, PlatformTransactionManager transactions) {
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.personalTokens = personalTokens;
		this.projectTokens = projectTokens;
		this.changes = changes;
		this.clock = clock;
		changes.subscribe(Topic.TOKEN_ISSUED, this::learn);
	}

	/**
	 * Whether a token with this hash may exist; {@code false} means it certainly does
	 * not, and needs no lookup.
	 * @param hash the token's hash, as {@link TokenHashes#sha256(String)} makes it
	 * @return whether to look it up
	 */
	boolean mayExist(String hash) {
		if (this.loaded != this.reloadsAsked.get()) {
			load();
		}
		long prefix = prefix(hash);
		return this.prefixes.contains(prefix) || lookForRecentlyIssued(prefix);
	}

	/**
	 * Announces a token just issued, to every node once the transaction commits.
	 * @param hash its hash
	 */
	void issued(String hash) {
		this.changes.publish(Topic.TOKEN_ISSUED, prefix(hash));
	}

	/**
	 * A lookup found no token with this hash: forget it, so that a revoked token retried
	 * for ever costs no more lookups.
	 * @param hash the hash looked up
	 */
	void absent(String hash) {
		this.prefixes.remove(prefix(hash));
	}

	int size() {
		return this.prefixes.size();
	}

	private void learn(long prefix) {
		if (prefix == ChangeNotifications.EVERYTHING) {
			// Notifications may have been lost while a node did not listen: read again,
			// even if a load is under way now.
			this.reloadsAsked.incrementAndGet();
		}
		// A prefix of all ones equals EVERYTHING: it is both learned and reloaded.
		this.prefixes.add(prefix);
	}

	private synchronized void load() {
		long reload = this.reloadsAsked.get();
		if (this.loaded == reload) {
			return;
		}
		// Requests wait for the whole set. A token issued during the load arrives by
		// notification, one committed before it began is read by it. A transaction lets
		// PostgreSQL's driver stream the rows instead of holding them all.
		this.readOnly.executeWithoutResult((transaction) -> {
			this.personalTokens.forEachHash((hash) -> this.prefixes.add(prefix(hash)));
			this.projectTokens.forEachHash((hash) -> this.prefixes.add(prefix(hash)));
		});
		this.loaded = reload;
	}

	/**
	 * Reads the tokens created in the last moments, in case the notification of one is
	 * still on its way, at most every {@link #RECENT_LOOK_INTERVAL} on this node.
	 */
	private boolean lookForRecentlyIssued(long prefix) {
		if (System.nanoTime() - this.lastRecentLookNanos < RECENT_LOOK_INTERVAL.toNanos()
				|| !this.recentLook.tryLock()) {
			return false;
		}
		try {
			this.lastRecentLookNanos = System.nanoTime();
			Instant since = this.clock.instant().minus(RECENT);
			this.personalTokens.hashesCreatedSince(since).forEach((hash) -> this.prefixes.add(prefix(hash)));
			this.projectTokens.hashesCreatedSince(since).forEach((hash) -> this.prefixes.add(prefix(hash)));
			return this.prefixes.contains(prefix);
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutage.causedBy(ex)) {
				throw ex;
			}
			// The look is a hedge against a lost notification, skipped for most requests
			// anyway; without the database it is skipped too, so an unknown token gets
			// the same refusal as at any other moment.
			return false;
		}
		finally {
			this.recentLook.unlock();
		}
	}

	/**
	 * The first 64 bits of a hex SHA-256 hash.
	 */
	static long prefix(String hash) {
		return Long.parseUnsignedLong(hash.substring(0, 16), 16);
	}

}
