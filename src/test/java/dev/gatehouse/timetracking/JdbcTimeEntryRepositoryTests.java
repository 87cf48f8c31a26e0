package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.reporting.ReportingView;
import dev.gatehouse.reporting.ReportingView.Reach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Time entries: users read their own, administrators everyone's; a story's name follows
 * the reader's {@link ReportingView} (masked once the reader lost access to its project,
 * unless the service account's view and the privacy setting allow it), also in filters;
 * the database keeps hours between 0 and 24.
 */
@Import(JdbcTimeEntryRepository.class)
class JdbcTimeEntryRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

	@Autowired
	private JdbcTimeEntryRepository entries;

	private Caller ann;

	private Caller bob;

	private long project;

	private long story;

	@BeforeEach
	void project() {
		this.ann = newCaller(false);
		this.bob = newCaller(false);
		this.project = project(unique("TIME"));
		member(this.project, this.ann.userId());
		member(this.project, this.bob.userId());
		this.story = story(this.project, "Checkout");
	}

	@Test
	void insertWhenReadBackByItsUserThenEveryColumnKept() {
		long id = this.entries.insert(this.ann.userId(), this.story, DAY, new BigDecimal("1.25"), "pairing", true, NOW);

		assertThat(this.entries.findVisible(own(this.ann), id)).hasValueSatisfying((entry) -> {
			assertThat(entry.userLogin()).isEqualTo(this.ann.login());
			assertThat(entry.userStoryName()).isEqualTo("Checkout");
			assertThat(entry.projectId()).isEqualTo(this.project);
			assertThat(entry.date()).isEqualTo(DAY);
			assertThat(entry.spent()).isEqualByComparingTo("1.25");
			assertThat(entry.description()).isEqualTo("pairing");
			assertThat(entry.billable()).isTrue();
			assertThat(entry.createDate()).isEqualTo(NOW);
		});
	}

	@Test
	void findVisibleWhenAnotherUsersEntryThenOnlyAnAdministratorSeesIt() {
		long id = this.entries.insert(this.ann.userId(), this.story, DAY, BigDecimal.ONE, null, false, NOW);

		assertThat(this.entries.findVisible(own(this.bob), id)).isEmpty();
		assertThat(this.entries.findVisible(ReportingView.withoutServiceAccount(newCaller(true)), id)).isPresent();
	}

	@Test
	void findVisibleWhenReaderLeftTheProjectThenTheStoryNameIsMaskedAlsoInFilters() {
		long id = this.entries.insert(this.ann.userId(), this.story, DAY, BigDecimal.ONE, null, false, NOW);
		this.jdbc.sql("delete from project_members where user_id = :id").param("id", this.ann.userId()).update();
		String byName = "UserStory.Name eq 'Checkout' and User.Id eq " + this.ann.userId();

		assertThat(this.entries.findVisible(own(this.ann), id)).hasValueSatisfying(
				(entry) -> assertThat(entry.userStoryName()).isEqualTo(ReportingView.MASKED_WORK_ITEM + this.story));
		assertThat(this.entries.findVisible(own(this.ann), where(byName)).items()).isEmpty();
		assertThat(this.entries.findVisible(new ReportingView(this.ann, Reach.THROUGH_SERVICE_ACCOUNT, true), id))
			.hasValueSatisfying((entry) -> assertThat(entry.userStoryName()).isEqualTo("Checkout"));
	}

	@Test
	void findVisibleWhenFilteredByDateThenOwnEntriesInIdOrderPaged() {
		long first = this.entries.insert(this.ann.userId(), this.story, DAY, BigDecimal.ONE, null, false, NOW);
		long second = this.entries.insert(this.ann.userId(), this.story, DAY.plusDays(1), BigDecimal.ONE, null, false,
				NOW);
		long third = this.entries.insert(this.ann.userId(), this.story, DAY.plusDays(2), BigDecimal.ONE, null, false,
				NOW);
		this.entries.insert(this.bob.userId(), this.story, DAY.plusDays(1), BigDecimal.ONE, null, false, NOW);

		CollectionPage<TimeEntry> page = this.entries.findVisible(own(this.ann),
				new CollectionParameters(1, 0, "Date gte '" + DAY.plusDays(1) + "'", List.of(), List.of()));
		CollectionPage<TimeEntry> all = this.entries.findVisible(own(this.ann), where("Project.Id eq " + this.project));

		assertThat(page.items()).extracting(TimeEntry::id).containsExactly(second);
		assertThat(page.hasMore()).isTrue();
		assertThat(all.items()).extracting(TimeEntry::id).containsExactly(first, second, third);
	}

	@Test
	void dayTotalWhenAnEntryIsLeftOutThenTheOthersOfThatUserAndDay() {
		long changed = this.entries.insert(this.ann.userId(), this.story, DAY, new BigDecimal("8"), null, false, NOW);
		this.entries.insert(this.ann.userId(), this.story, DAY, new BigDecimal("2.5"), null, false, NOW);
		this.entries.insert(this.ann.userId(), this.story, DAY.plusDays(1), new BigDecimal("4"), null, false, NOW);
		this.entries.insert(this.bob.userId(), this.story, DAY, new BigDecimal("4"), null, false, NOW);

		assertThat(this.entries.dayTotal(this.ann.userId(), DAY, changed)).isEqualByComparingTo("2.5");
		assertThat(this.entries.dayTotal(this.ann.userId(), DAY, 0)).isEqualByComparingTo("10.5");
	}

	@Test
	void mayLogOnWhenMemberAdministratorOrStrangerThenOnlyTheFirstTwo() {
		assertThat(this.entries.mayLogOn(this.ann.userId(), this.project)).isTrue();
		assertThat(this.entries.mayLogOn(newCaller(true).userId(), this.project)).isTrue();
		assertThat(this.entries.mayLogOn(newCaller(false).userId(), this.project)).isFalse();
	}

	@Test
	void updateAndDeleteWhenEntryExistsThenChangedThenGone() {
		long id = this.entries.insert(this.ann.userId(), this.story, DAY, BigDecimal.ONE, "draft", false, NOW);

		this.entries.update(id, this.ann.userId(), this.story, DAY.plusDays(1), new BigDecimal("2"), null, true,
				NOW.plusSeconds(60));
		assertThat(this.entries.findVisible(own(this.ann), id)).hasValueSatisfying((entry) -> {
			assertThat(entry.date()).isEqualTo(DAY.plusDays(1));
			assertThat(entry.description()).isNull();
			assertThat(entry.billable()).isTrue();
			assertThat(entry.modifyDate()).isEqualTo(NOW.plusSeconds(60));
		});

		this.entries.delete(id);
		assertThat(this.entries.findVisible(own(this.ann), id)).isEmpty();
	}

	@Test
	void insertWhenMoreThan24HoursThenRefusedByTheDatabase() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.entries
			.insert(this.ann.userId(), this.story, DAY, new BigDecimal("24.25"), null, false, NOW));
	}

	private Caller newCaller(boolean administrator) {
		String login = unique("user");
		return caller(user(login, administrator), login, administrator);
	}

	private static ReportingView own(Caller caller) {
		return new ReportingView(caller, Reach.OWN_PROJECTS, false);
	}

	private static CollectionParameters where(String where) {
		return new CollectionParameters(25, 0, where, List.of(), List.of());
	}

}
