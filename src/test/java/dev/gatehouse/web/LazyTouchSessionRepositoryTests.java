package dev.gatehouse.web;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last access time moves only once it is an interval old.
 */
class LazyTouchSessionRepositoryTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Test
	void lastAccessWhenWithinTheIntervalThenUnchanged() {
		MapSession stored = new MapSession();
		Instant signedIn = stored.getLastAccessedTime();
		LazyTouchSessionRepository.LazyTouchSession<MapSession> session = new LazyTouchSessionRepository.LazyTouchSession<>(
				stored, MINUTE);

		session.setLastAccessedTime(signedIn.plusSeconds(59));

		assertThat(stored.getLastAccessedTime()).isEqualTo(signedIn);
	}

	@Test
	void lastAccessWhenAnIntervalOldThenMoved() {
		MapSession stored = new MapSession();
		Instant later = stored.getLastAccessedTime().plus(MINUTE);
		LazyTouchSessionRepository.LazyTouchSession<MapSession> session = new LazyTouchSessionRepository.LazyTouchSession<>(
				stored, MINUTE);

		session.setLastAccessedTime(later);

		assertThat(stored.getLastAccessedTime()).isEqualTo(later);
	}

	@Test
	void lastAccessWhenTheTimeoutIsShortThenMovedAfterATenthOfIt() {
		MapSession stored = new MapSession();
		stored.setMaxInactiveInterval(Duration.ofMinutes(5));
		Instant later = stored.getLastAccessedTime().plusSeconds(30);
		LazyTouchSessionRepository.LazyTouchSession<MapSession> session = new LazyTouchSessionRepository.LazyTouchSession<>(
				stored, MINUTE);

		session.setLastAccessedTime(later);

		assertThat(stored.getLastAccessedTime()).isEqualTo(later);
	}

	@Test
	void attributesWhenSetThenReachTheStoredSession() {
		MapSession stored = new MapSession();
		LazyTouchSessionRepository.LazyTouchSession<MapSession> session = new LazyTouchSessionRepository.LazyTouchSession<>(
				stored, MINUTE);

		session.setAttribute("name", "value");
		session.setMaxInactiveInterval(Duration.ofHours(8));

		assertThat(stored.<String>getAttribute("name")).isEqualTo("value");
		assertThat(stored.getMaxInactiveInterval()).isEqualTo(Duration.ofHours(8));
	}

	@Test
	void postProcessorWhenGivenTheJdbcStoreThenDecoratesOnlyIt() {
		Object other = new MapSessionRepository(new HashMap<>());

		assertThat(SessionStoreConfiguration.lazySessionTouch().postProcessAfterInitialization(other, "other"))
			.isSameAs(other);
	}

}
