package dev.gatehouse.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.system.ChangeNotifications.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change announced while a value is being loaded wins over that load, for the loader
 * and for everyone who joined it.
 */
class CoherentCacheTests {

	private final ChangeNotifications changes = new ChangeNotifications(null, null);

	private final CoherentCache<Long, String> cache = CoherentCache.on(this.changes, Topic.TOKEN, 100,
			Duration.ofMinutes(1));

	@Test
	void getWhenCachedThenLoaderNotCalledAgain() {
		this.cache.get(1L, (key) -> Optional.of("first"));

		assertThat(this.cache.get(1L, (key) -> Optional.of("second"))).hasValue("first");
	}

	@Test
	void getWhenChangeAnnouncedThenReloaded() {
		this.cache.get(1L, (key) -> Optional.of("valid"));

		this.changes.deliver(Topic.TOKEN, 1L);

		assertThat(this.cache.get(1L, (key) -> Optional.empty())).isEmpty();
	}

	@Test
	void getWhenChangeAnnouncedDuringLoadThenNeitherLoaderNorJoinerServesTheOldValue() throws Exception {
		AtomicReference<String> database = new AtomicReference<>("valid");
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch changed = new CountDownLatch(1);
		CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> this.cache.get(1L, (key) -> {
			String read = database.get();
			loading.countDown();
			await(changed);
			return Optional.ofNullable(read);
		}));
		assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

		database.set(null);
		this.changes.deliver(Topic.TOKEN, 1L);
		CompletableFuture<Optional<String>> joined = CompletableFuture
			.supplyAsync(() -> this.cache.get(1L, (key) -> Optional.ofNullable(database.get())));
		changed.countDown();

		assertThat(first.get(5, TimeUnit.SECONDS)).isEmpty();
		assertThat(joined.get(5, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.cache.getIfCached(1L)).isEmpty();
	}

	@Test
	void invalidateWhenKeyedOtherwiseThenEntriesOfThatIdDropped() {
		CoherentCache<String, Long> byHash = CoherentCache.on(this.changes, Topic.USER, 100, Duration.ofMinutes(1),
				(id) -> id);
		byHash.get("hash-a", (key) -> Optional.of(7L));
		byHash.get("hash-b", (key) -> Optional.of(8L));

		this.changes.deliver(Topic.USER, 7L);

		assertThat(byHash.getIfCached("hash-a")).isEmpty();
		assertThat(byHash.get("hash-b", (key) -> Optional.of(99L))).as("another id's value, kept").hasValue(8L);
	}

	@Test
	void getWhenAnotherIdChangedThenKeptWithoutLoading() {
		this.cache.get(1L, (key) -> Optional.of("one"));
		this.cache.get(2L, (key) -> Optional.of("two"));

		this.changes.deliver(Topic.TOKEN, 2L);

		assertThat(this.cache.get(1L, (key) -> {
			throw new IllegalStateException("the database is unreachable");
		})).hasValue("one");
		assertThat(this.cache.get(2L, (key) -> Optional.of("two, changed"))).hasValue("two, changed");
	}

	@Test
	void getWhenItsIdChangesAfterItWasCheckedPastOthersThenLoadedAgain() {
		this.cache.get(1L, (key) -> Optional.of("one"));
		this.changes.deliver(Topic.TOKEN, 2L);
		assertThat(this.cache.get(1L, (key) -> Optional.of("unused"))).as("checked past change 2").hasValue("one");

		this.changes.deliver(Topic.TOKEN, 1L);
		this.changes.deliver(Topic.TOKEN, 3L);

		assertThat(this.cache.getIfCached(1L)).isEmpty();
		assertThat(this.cache.get(1L, (key) -> Optional.of("one, changed"))).hasValue("one, changed");
	}

	@Test
	void getWhenAbsentAndAnyChangeThenLookedUpAgain() {
		this.cache.get(1L, (key) -> Optional.empty());

		this.changes.deliver(Topic.TOKEN, 2L);

		assertThat(this.cache.get(1L, (key) -> Optional.of("created since"))).hasValue("created since");
	}

	@Test
	void getWhenEverythingChangedThenEveryValueLoadedAgain() {
		this.cache.get(1L, (key) -> Optional.of("one"));

		this.changes.deliver(Topic.TOKEN, ChangeNotifications.EVERYTHING);

		assertThat(this.cache.get(1L, (key) -> Optional.of("one, again"))).hasValue("one, again");
	}

	@Test
	void getWhenAnotherIdChangedDuringLoadThenItsValueIsServed() throws Exception {
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch changed = new CountDownLatch(1);
		CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> this.cache.get(1L, (key) -> {
			loading.countDown();
			await(changed);
			return Optional.of("one");
		}));
		assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

		this.changes.deliver(Topic.TOKEN, 2L);
		changed.countDown();

		assertThat(first.get(5, TimeUnit.SECONDS)).hasValue("one");
		assertThat(this.cache.getIfCached(1L)).hasValue("one");
	}

	@Test
	void getWhenMoreChangesSinceTheLoadThanRememberedThenLoadedAgain() {
		this.cache.get(1L, (key) -> Optional.of("one"));

		for (long id = 2; id < 2_000; id++) {
			this.changes.deliver(Topic.TOKEN, id);
		}

		assertThat(this.cache.get(1L, (key) -> Optional.of("one, again"))).as("which changes it missed is unknown")
			.hasValue("one, again");
	}

	@Test
	void invalidateWhenChangesRaceThenLatestChangeNeverMovesBack() throws Exception {
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 2_000; round++) {
				CyclicBarrier start = new CyclicBarrier(threads);
				List<Future<?>> done = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					long id = i;
					done.add(pool.submit(() -> {
						start.await();
						this.cache.invalidate(id);
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get(5, TimeUnit.SECONDS);
				}
				// Every change is over: a load starting now is the only current one.
				assertThat(this.cache.latestChange()).as("round %d", round).isEqualTo(this.cache.generation());
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
