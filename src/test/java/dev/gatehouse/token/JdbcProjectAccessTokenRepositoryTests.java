package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.query.CollectionParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Project access tokens by hash: found within their project, listed without the expired
 * ones unless asked, the administration table filtered by name (its wildcards taken
 * literally), sorted and paged in the database; a hash is unique.
 */
@Import(JdbcProjectAccessTokenRepository.class)
class JdbcProjectAccessTokenRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

	@Autowired
	private JdbcProjectAccessTokenRepository tokens;

	private long project;

	private String key;

	@BeforeEach
	void project() {
		this.key = unique("PRJ");
		this.project = project(this.key);
	}

	@Test
	void insertWhenFoundByHashOrIdThenEveryColumnKept() {
		String hash = JdbcPersonalAccessTokenRepositoryTests.hash(unique("value"));
		long id = this.tokens.insert(this.project, "CI", hash, NOW, TODAY.plusDays(30));

		ProjectAccessToken expected = new ProjectAccessToken(id, this.project, this.key, "CI", NOW, TODAY.plusDays(30),
				null);
		assertThat(this.tokens.findByValueHash(hash).map(PresentedValue::token)).contains(expected);
		assertThat(this.tokens.findById(this.project, id)).contains(expected);
		assertThat(this.tokens.findById(project(unique("OTHER")), id)).isEmpty();
	}

	@Test
	void insertWhenHashAlreadyStoredThenRefusedByTheDatabase() {
		String hash = JdbcPersonalAccessTokenRepositoryTests.hash(unique("value"));
		this.tokens.insert(this.project, "CI", hash, NOW, TODAY);

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.tokens.insert(this.project, "Copy", hash, NOW, TODAY));
	}

	@Test
	void findWhenSomeExpiredThenHiddenUnlessAsked() {
		long expired = insert("old", TODAY.minusDays(1));
		long lastDay = insert("today", TODAY);

		assertThat(this.tokens.find(this.project, false, TODAY, CollectionParameters.firstPage()).items())
			.extracting(ProjectAccessToken::id)
			.containsExactly(lastDay);
		assertThat(this.tokens.find(this.project, true, TODAY, CollectionParameters.firstPage()).items())
			.extracting(ProjectAccessToken::id)
			.containsExactly(expired, lastDay);
	}

	@Test
	void pageWhenFilteredByNameThenCaseInsensitiveAndWildcardsLiteral() {
		long percent = insert("Deploy 100% CI", TODAY);
		insert("Deploy 1000 CI", TODAY);
		long upper = insert("DEPLOY 100% nightly", TODAY);
		ProjectTokenTable.Request request = new ProjectTokenTable.Request("deploy 100%", false,
				ProjectTokenTable.Column.NAME, false, 10, 1);

		assertThat(this.tokens.count(this.project, request, TODAY)).isEqualTo(2);
		assertThat(this.tokens.page(this.project, request, TODAY)).extracting(ProjectAccessToken::id)
			.containsExactly(percent, upper);
	}

	@Test
	void pageWhenSortedByLastLoginThenNeverUsedFirstAscendingAndLastDescending() {
		long never = insert("never", TODAY);
		long early = insert("early", TODAY);
		long late = insert("late", TODAY);
		this.tokens.recordLogin(early, NOW.minusSeconds(60));
		this.tokens.recordLogin(late, NOW);

		assertThat(this.tokens.page(this.project, sortedByLastLogin(false), TODAY)).extracting(ProjectAccessToken::id)
			.containsExactly(never, early, late);
		assertThat(this.tokens.page(this.project, sortedByLastLogin(true), TODAY)).extracting(ProjectAccessToken::id)
			.containsExactly(late, early, never);
		assertThat(this.tokens.findById(this.project, late))
			.hasValueSatisfying((token) -> assertThat(token.lastLoginDate()).isEqualTo(NOW));
	}

	@Test
	void pageWhenSecondPageThenTheRestAfterTheOffset() {
		for (int i = 0; i < 11; i++) {
			insert(String.format("token %02d", i), TODAY);
		}
		ProjectTokenTable.Request second = new ProjectTokenTable.Request("", false, ProjectTokenTable.Column.NAME,
				false, 10, 2);

		assertThat(this.tokens.page(this.project, second, TODAY)).extracting(ProjectAccessToken::name)
			.containsExactly("token 10");
	}

	@Test
	void pageWhenSortedByExpiryStateThenUnexpiredFirstAscendingExpiredFirstDescendingOnEveryPage() {
		List<Long> unexpired = new ArrayList<>();
		List<Long> expired = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			// Two tokens a day, so the id decides within a day.
			unexpired.add(insert("valid " + i, TODAY.plusDays(i / 2)));
			expired.add(insert("old " + i, TODAY.minusDays(3 - i / 2)));
		}
		List<Long> ascending = new ArrayList<>(unexpired);
		ascending.addAll(expired);
		List<Long> descending = new ArrayList<>(ascending);
		Collections.reverse(descending);

		assertThat(allPages(sortedByExpiry(false, 1), sortedByExpiry(false, 2))).isEqualTo(ascending);
		assertThat(allPages(sortedByExpiry(true, 1), sortedByExpiry(true, 2))).isEqualTo(descending);
		ProjectTokenTable.Request hidden = new ProjectTokenTable.Request("", false, ProjectTokenTable.Column.EXPIRED,
				true, 10, 1);
		assertThat(this.tokens.page(this.project, hidden, TODAY)).extracting(ProjectAccessToken::id)
			.isEqualTo(descending.subList(6, 12));
	}

	@Test
	void deleteWhenStoredThenGoneAndItsHashNoLongerFound() {
		String hash = JdbcPersonalAccessTokenRepositoryTests.hash(unique("value"));
		long id = this.tokens.insert(this.project, "CI", hash, NOW, TODAY);

		assertThat(this.tokens.delete(id)).isEqualTo(1);
		assertThat(this.tokens.findByValueHash(hash).map(PresentedValue::token)).isEmpty();
		assertThat(this.tokens.hashesCreatedSince(NOW)).doesNotContain(hash);
	}

	@Test
	void replaceValueWhenRotatedThenBothValuesFindTheTokenUntilTheOldIsRetired() {
		String first = JdbcPersonalAccessTokenRepositoryTests.hash(unique("first"));
		String second = JdbcPersonalAccessTokenRepositoryTests.hash(unique("second"));
		long id = this.tokens.insert(this.project, "CI", first, NOW, TODAY.plusDays(30));
		Instant rotated = NOW.plusSeconds(60);

		assertThat(this.tokens.lock(id)).isTrue();
		this.tokens.replaceValue(id, second, rotated, rotated.plusSeconds(3600), TODAY.plusDays(30));

		assertThat(this.tokens.findByValueHash(second).orElseThrow().token().rotatedDate()).isEqualTo(rotated);
		assertThat(this.tokens.findByValueHash(first).orElseThrow().retireDate()).isEqualTo(rotated.plusSeconds(3600));
		assertThat(this.tokens.retireReplacedValues(id, second, rotated.plusSeconds(1))).isEqualTo(1);
		assertThat(this.tokens.findByValueHash(first).orElseThrow().retiredAt(rotated.plusSeconds(1))).isTrue();
		assertThat(this.tokens.deleteValuesRetiredBefore(rotated.plusSeconds(2))).isEqualTo(1);
		assertThat(this.tokens.findByValueHash(first)).as("forgotten").isEmpty();
		assertThat(this.tokens.delete(id)).isEqualTo(1);
	}

	private long insert(String name, LocalDate expiration) {
		return this.tokens.insert(this.project, name, JdbcPersonalAccessTokenRepositoryTests.hash(unique(name)), NOW,
				expiration);
	}

	private List<Long> allPages(ProjectTokenTable.Request... pages) {
		List<Long> ids = new ArrayList<>();
		for (ProjectTokenTable.Request page : pages) {
			this.tokens.page(this.project, page, TODAY).forEach((token) -> ids.add(token.id()));
		}
		return ids;
	}

	private static ProjectTokenTable.Request sortedByExpiry(boolean descending, int page) {
		return new ProjectTokenTable.Request("", true, ProjectTokenTable.Column.EXPIRED, descending, 10, page);
	}

	private static ProjectTokenTable.Request sortedByLastLogin(boolean descending) {
		return new ProjectTokenTable.Request("", false, ProjectTokenTable.Column.LAST_LOGIN, descending, 10, 1);
	}

}
