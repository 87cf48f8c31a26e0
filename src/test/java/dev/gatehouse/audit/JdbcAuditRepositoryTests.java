package dev.gatehouse.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's table: events are stored as given (long values cut to their columns),
 * and read newest first, filtered and paged, or streamed.
 */
@Import(JdbcAuditRepository.class)
class JdbcAuditRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	@Autowired
	private JdbcAuditRepository events;

	@Test
	void insertWhenReadBackThenEveryColumnKept() {
		String target = unique("target");
		this.events.insert(new AuditEvent(0, NOW, AuditAction.TOKEN_REFUSED, null, null, 42L, "ann", target,
				"expired token", "192.0.2.1", 3));

		CollectionPage<AuditEvent> page = this.events.find(targetIs(target, 25, 0));

		assertThat(page.items()).singleElement().satisfies((event) -> {
			assertThat(event.id()).isPositive();
			assertThat(event).usingRecursiveComparison()
				.ignoringFields("id")
				.isEqualTo(new AuditEvent(0, NOW, AuditAction.TOKEN_REFUSED, null, null, 42L, "ann", target,
						"expired token", "192.0.2.1", 3));
		});
	}

	@Test
	void insertWhenValuesLongerThanTheirColumnsThenCut() {
		String target = unique("long") + "x".repeat(300);
		this.events.insert(new AuditEvent(0, NOW, AuditAction.SIGN_IN_FAILED, 1L, "a".repeat(150), null, null, target,
				"r".repeat(150), "1".repeat(100), 1));

		AuditEvent stored = this.events.find(where("Target eq '" + target.substring(0, 200) + "'", 25, 0))
			.items()
			.get(0);

		assertThat(stored.target()).hasSize(200);
		assertThat(stored.actorLogin()).hasSize(100);
		assertThat(stored.reason()).hasSize(100);
		assertThat(stored.address()).hasSize(64);
	}

	@Test
	void findWhenMoreThanAPageThenNewestFirstWithHasMore() {
		String target = unique("paged");
		for (int i = 0; i < 3; i++) {
			this.events.insert(new AuditEvent(0, NOW.plusSeconds(i), AuditAction.USER_CHANGED, 1L, "admin", null, null,
					target, null, null, 1));
		}

		CollectionPage<AuditEvent> first = this.events.find(targetIs(target, 2, 0));
		CollectionPage<AuditEvent> second = this.events.find(targetIs(target, 2, 2));

		assertThat(first.items()).extracting(AuditEvent::date).containsExactly(NOW.plusSeconds(2), NOW.plusSeconds(1));
		assertThat(first.hasMore()).isTrue();
		assertThat(second.items()).extracting(AuditEvent::date).containsExactly(NOW);
		assertThat(second.hasMore()).isFalse();
	}

	@Test
	void streamWhenFilteredThenEveryMatchingEventNewestFirst() {
		String target = unique("stream");
		this.events
			.insert(new AuditEvent(0, NOW, AuditAction.ROLE_CHANGED, 1L, "admin", null, null, target, null, null, 1));
		this.events.insert(
				new AuditEvent(0, NOW, AuditAction.PROJECT_CHANGED, 1L, "admin", null, null, target, null, null, 1));
		this.events.insert(new AuditEvent(0, NOW, AuditAction.PROJECT_CHANGED, 1L, "admin", null, null, unique("other"),
				null, null, 1));
		List<AuditAction> streamed = new ArrayList<>();

		this.events.stream(targetIs(target, 1, 0), (event) -> streamed.add(event.action()));

		// The export streams everything that matches: take and skip are the API's paging,
		// not the export's.
		assertThat(streamed).containsExactly(AuditAction.PROJECT_CHANGED, AuditAction.ROLE_CHANGED);
	}

	private static CollectionParameters targetIs(String target, int take, int skip) {
		return where("Target eq '" + target + "'", take, skip);
	}

	private static CollectionParameters where(String where, int take, int skip) {
		return new CollectionParameters(take, skip, where, List.of(), List.of());
	}

}
