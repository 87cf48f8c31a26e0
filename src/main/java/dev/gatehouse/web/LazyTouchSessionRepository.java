package dev.gatehouse.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The session store, but a page view writes nothing unless the session changed or its
 * expiry needs extending. Spring Session JDBC moves a session's last access time on every
 * request that reads it, which is one {@code UPDATE} per page view. Here the time moves
 * only once it is {@code interval} old; a session therefore expires at most one interval
 * before its timeout after the last request, and attribute changes, new sessions and new
 * identifiers are written as before.
 *
 * @param <S> the store's own session type
 */
final class LazyTouchSessionRepository<S extends Session>
		implements FindByIndexNameSessionRepository<LazyTouchSessionRepository.LazyTouchSession<S>> {

	private final FindByIndexNameSessionRepository<S> store;

	private final Duration interval;

	LazyTouchSessionRepository(FindByIndexNameSessionRepository<S> store, Duration interval) {
		this.store = store;
		this.interval = interval;
	}

	@Override
	public LazyTouchSession<S> createSession() {
		return new LazyTouchSession<>(this.store.createSession(), this.interval);
	}

	@Override
	public void save(LazyTouchSession<S> session) {
		this.store.save(session.stored);
	}

	@Override
	public LazyTouchSession<S> findById(String id) {
		S stored = this.store.findById(id);
		return (stored != null) ? new LazyTouchSession<>(stored, this.interval) : null;
	}

	@Override
	public void deleteById(String id) {
		this.store.deleteById(id);
	}

	@Override
	public Map<String, LazyTouchSession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		return wrapped(this.store.findByIndexNameAndIndexValue(indexName, indexValue));
	}

	@Override
	public Map<String, LazyTouchSession<S>> findByPrincipalName(String principalName) {
		return wrapped(this.store.findByPrincipalName(principalName));
	}

	private Map<String, LazyTouchSession<S>> wrapped(Map<String, S> sessions) {
		return sessions.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> new LazyTouchSession<>(entry.getValue(), this.interval)));
	}

	/**
	 * A stored session whose last access time moves only when it is an interval old.
	 *
	 * @param <S> the store's own session type
	 */
	static final class LazyTouchSession<S extends Session> implements Session {

		private final S stored;

		private final Duration interval;

		LazyTouchSession(S stored, Duration interval) {
			this.stored = stored;
			this.interval = interval;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			// At most a tenth of the timeout, so a short timeout still sees its sessions
			// kept alive by use.
			Duration tenth = this.stored.getMaxInactiveInterval().dividedBy(10);
			Duration step = (tenth.compareTo(this.interval) < 0) ? tenth : this.interval;
			if (!lastAccessedTime.isBefore(this.stored.getLastAccessedTime().plus(step))) {
				this.stored.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public String changeSessionId() {
			return this.stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.stored.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.stored.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}

	}

}
