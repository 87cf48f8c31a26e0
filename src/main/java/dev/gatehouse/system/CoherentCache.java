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
 * a change to it, on this node or another. A value loaded while a change was being
 * announced is not kept, so a reader that raced a revocation cannot put the old state
 * back. Entries also expire after a while, as a last resort should a notification ever be
 * lost.
 *
 * @param <K> the key
 * @param <V> the cached value
 */
public final class CoherentCache<K, V> {

	private final Cache<K, Optional<V>> cache;

	private final Function<V, Long> idOf;

	private final AtomicLong generation = new AtomicLong();

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
		Optional<V> cached = this.cache.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		long before = this.generation.get();
		Optional<V> loaded = this.cache.get(key, loader);
		// A change announced while loading may have been read before it committed.
		if (this.generation.get() != before) {
			this.cache.invalidate(key);
		}
		return loaded;
	}

	/**
	 * The value if it is cached, without loading it.
	 * @param key the key
	 * @return the value, or empty if it is not cached or there is none
	 */
	public Optional<V> getIfCached(K key) {
		Optional<V> cached = this.cache.getIfPresent(key);
		return (cached != null) ? cached : Optional.empty();
	}

	/**
	 * Forgets what stands for one id, or everything for
	 * {@link ChangeNotifications#EVERYTHING}.
	 * @param id the id that changed
	 */
	@SuppressWarnings("unchecked")
	public void invalidate(long id) {
		this.generation.incrementAndGet();
		if (id == ChangeNotifications.EVERYTHING) {
			this.cache.invalidateAll();
		}
		else if (this.idOf == null) {
			this.cache.invalidate((K) Long.valueOf(id));
		}
		else {
			this.cache.asMap()
				.entrySet()
				.removeIf((entry) -> entry.getValue().map(this.idOf).filter((value) -> value == id).isPresent());
		}
	}

	/**
	 * Forgets everything; for another topic whose change affects every entry.
	 * @param changedId the id that changed there
	 */
	public void invalidateAll(long changedId) {
		invalidate(ChangeNotifications.EVERYTHING);
	}

}
