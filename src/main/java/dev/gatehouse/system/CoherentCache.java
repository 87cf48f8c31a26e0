package dev.gatehouse.system;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.system.ChangeNotifications.Topic;

/**
 * A Caffeine cache that forgets an entry as soon as {@link ChangeNotifications} announces
 * a change to it, on this node or another. Every value remembers when its load began; a
 * value is never served if a change to its id (or to everything) was announced since,
 * whoever loaded it and whoever joined that load, so a reader that raced a revocation can
 * neither use nor keep the old state. A change to one id leaves the others' values alone,
 * so revoking one token does not send every other to the database again (nor fail them
 * while the database is unreachable). An absence (no such token) is kept only until any
 * change, since the change may be what creates it. Entries also expire after a while, as
 * a last resort should a notification ever be lost.
 *
 * @param <K> the key
 * @param <V> the cached value
 */
public final class CoherentCache<K, V> {

	private static final int MAX_RELOADS = 3;

	/**
	 * Changes remembered by id; a value loaded before the oldest of them is checked as if
	 * every change had touched it.
	 */
	private static final int RECENT_CHANGES = 1024;

	private final Cache<K, Stamped<V>> cache;

	private final Function<V, Long> idOf;

	private final AtomicLong generation = new AtomicLong();

	/**
	 * The generation of the latest change; values whose load began before it are stale.
	 * It only ever grows: two changes racing must not leave the older one as the latest.
	 */
	private final AtomicLong latestChange = new AtomicLong(-1);

	/** The ids of the latest changes, by generation. */
	private final ConcurrentSkipListMap<Long, Long> recentChanges = new ConcurrentSkipListMap<>();

	/** The latest generation no longer in {@link #recentChanges}. */
	private final AtomicLong forgottenChange = new AtomicLong(-1);

	/** How many changes {@link #recentChanges} holds; changed under this cache's lock. */
	private int recorded;

	private CoherentCache(long maximumSize, Duration expireAfterWrite, Function<V, Long> idOf) {
		this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).build();
		this.idOf = idOf;
	}

	/**
	 * A cache keyed by the ids that the topic's changes name.
	 * @param <V> the cached value
	 * @param changes the change notifications
	 * @param topic the topic
	 * @param maximumSize the most entries kept
	 * @param expireAfterWrite the longest an entry lives
	 * @return the cache
	 */
	public static <V> CoherentCache<Long, V> on(ChangeNotifications changes, Topic topic, long maximumSize,
			Duration expireAfterWrite) {
		CoherentCache<Long, V> cache = new CoherentCache<>(maximumSize, expireAfterWrite, null);
		changes.subscribe(topic, cache::invalidate);
		return cache;
	}

	/**
	 * A cache keyed otherwise (a token's hash, say), whose values name the id that the
	 * topic's changes refer to.
	 * @param <K> the key
	 * @param <V> the cached value
	 * @param changes the change notifications
	 * @param topic the topic
	 * @param maximumSize the most entries kept
	 * @param expireAfterWrite the longest an entry lives
	 * @param idOf the id a value stands for
	 * @return the cache
	 */
	public static <K, V> CoherentCache<K, V> on(ChangeNotifications changes, Topic topic, long maximumSize,
			Duration expireAfterWrite, Function<V, Long> idOf) {
		CoherentCache<K, V> cache = new CoherentCache<>(maximumSize, expireAfterWrite, idOf);
		changes.subscribe(topic, cache::invalidate);
		return cache;
	}

	/**
	 * The value, loaded on a miss. Concurrent misses for one key wait for a single load;
	 * a loader that throws caches nothing.
	 * @param key the key
	 * @param loader reads the current value from the database
	 * @return the value, or empty if there is none
	 */
	public Optional<V> get(K key, Function<K, Optional<V>> loader) {
		for (int attempt = 0; attempt < MAX_RELOADS; attempt++) {
			Stamped<V> stamped = this.cache.get(key, (missing) -> {
				long start = this.generation.get();
				Optional<V> value = loader.apply(missing);
				return new Stamped<>(start, value, idOf(missing, value));
			});
			if (isCurrent(stamped)) {
				return stamped.value();
			}
			// Its load began before the latest change, so it may predate what that change
			// did.
			this.cache.asMap().remove(key, stamped);
		}
		// Changes keep coming: answer from the database without caching.
		return loader.apply(key);
	}

	/**
	 * The value if it is cached and current, without loading it.
	 * @param key the key
	 * @return the value, or empty if it is not cached or there is none
	 */
	public Optional<V> getIfCached(K key) {
		Stamped<V> stamped = this.cache.getIfPresent(key);
		return (stamped != null && isCurrent(stamped)) ? stamped.value() : Optional.empty();
	}

	/**
	 * Whether no change announced since the value was last checked concerns it. A value
	 * found current remembers how far it was checked, so the next reader needs no look at
	 * the changes; its place in the cache (and its expiry) stays as it was.
	 */
	private boolean isCurrent(Stamped<V> stamped) {
		long latest = this.latestChange.get();
		long checked = stamped.checkedUpTo();
		if (checked >= latest) {
			return true;
		}
		if (stamped.id() == null) {
			return false;
		}
		// Every change up to the latest is recorded: they are made one at a time, each
		// recorded before it becomes the latest.
		for (long changed : this.recentChanges.subMap(checked, false, latest, true).values()) {
			if (changed == ChangeNotifications.EVERYTHING || changed == stamped.id()) {
				return false;
			}
		}
		// Read after the changes: one forgotten meanwhile was forgotten after this was
		// set.
		if (this.forgottenChange.get() > checked) {
			return false;
		}
		stamped.checked(latest);
		return true;
	}

	/**
	 * The id the topic's changes name for this value, or {@code null} for an absence.
	 */
	private Long idOf(K key, Optional<V> value) {
		if (value.isEmpty()) {
			return null;
		}
		return (this.idOf != null) ? this.idOf.apply(value.get()) : (Long) key;
	}

	/**
	 * The generation of the latest change, for tests.
	 */
	long latestChange() {
		return this.latestChange.get();
	}

	/**
	 * The generation a load starting now would carry, for tests.
	 */
	long generation() {
		return this.generation.get();
	}

	/**
	 * Forgets what stands for one id, or everything for
	 * {@link ChangeNotifications#EVERYTHING}.
	 * @param id the id that changed
	 */
	@SuppressWarnings("unchecked")
	public void invalidate(long id) {
		record(id);
		if (id == ChangeNotifications.EVERYTHING) {
			this.cache.invalidateAll();
		}
		else if (this.idOf == null) {
			this.cache.invalidate((K) Long.valueOf(id));
		}
		else {
			this.cache.asMap()
				.entrySet()
				.removeIf(
						(entry) -> entry.getValue().value().map(this.idOf).filter((value) -> value == id).isPresent());
		}
	}

	/**
	 * Records a change, one at a time (changes are rare): each is numbered, recorded, and
	 * only then made the latest, so a reader that sees a change as the latest finds every
	 * change up to it.
	 */
	private synchronized void record(long id) {
		long change = this.generation.incrementAndGet();
		this.recentChanges.put(change, id);
		this.recorded++;
		this.latestChange.set(change);
		while (this.recorded > RECENT_CHANGES) {
			Map.Entry<Long, Long> oldest = this.recentChanges.firstEntry();
			this.forgottenChange.set(oldest.getKey());
			this.recentChanges.remove(oldest.getKey());
			this.recorded--;
		}
	}

	/**
	 * Forgets everything; for another topic whose change affects every entry.
	 * @param changedId the id that changed there
	 */
	public void invalidateAll(long changedId) {
		invalidate(ChangeNotifications.EVERYTHING);
	}

	/**
	 * A value, the id that changes name for it ({@code null} for an absence), and the
	 * generation up to which no change concerned it: first that at which its load began.
	 */
	private static final class Stamped<V> {

		private final Optional<V> value;

		private final Long id;

		private final AtomicLong checkedUpTo;

		Stamped(long loadStart, Optional<V> value, Long id) {
			this.value = value;
			this.id = id;
			this.checkedUpTo = new AtomicLong(loadStart);
		}

		Optional<V> value() {
			return this.value;
		}

		Long id() {
			return this.id;
		}

		long checkedUpTo() {
			return this.checkedUpTo.get();
		}

		void checked(long generation) {
			this.checkedUpTo.accumulateAndGet(generation, Math::max);
		}

	}

}
