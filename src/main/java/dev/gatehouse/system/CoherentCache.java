package dev.gatehouse.system;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.system.ChangeNotifications.Topic;

/**
 * A Caffeine cache that forgets an entry as soon as {@link ChangeNotifications} announces
 * a change to it, on this node or another. Every value remembers when its load began; a
 * value whose load began before the latest change is never served, whoever loaded it and
 * whoever joined that load, so a reader that raced a revocation can neither use nor keep
 * the old state. Entries also expire after a while, as a last resort should a
 * notification ever be lost.
 *
 * @param <K> the key
 * @param <V> the cached value
 */
public final class CoherentCache<K, V> {

	private static final int MAX_RELOADS = 3;

	private final Cache<K, Stamped<V>> cache;

	private final Function<V, Long> idOf;

	private final AtomicLong generation = new AtomicLong();

	/**
	 * The generation of the latest change; values whose load began before it are stale.
	 * It only ever grows: two changes racing must not leave the older one as the latest.
	 */
	private final AtomicLong latestChange = new AtomicLong(-1);

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
			Stamped<V> stamped = this.cache.get(key,
					(missing) -> new Stamped<>(this.generation.get(), loader.apply(missing)));
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

	private boolean isCurrent(Stamped<V> stamped) {
		return stamped.generation() >= this.latestChange.get();
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
		this.latestChange.accumulateAndGet(this.generation.incrementAndGet(), Math::max);
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
	 * Forgets everything; for another topic whose change affects every entry.
	 * @param changedId the id that changed there
	 */
	public void invalidateAll(long changedId) {
		invalidate(ChangeNotifications.EVERYTHING);
	}

	/**
	 * A value and the generation at which its load began.
	 */
	private record Stamped<V>(long generation, Optional<V> value) {
	}

}
