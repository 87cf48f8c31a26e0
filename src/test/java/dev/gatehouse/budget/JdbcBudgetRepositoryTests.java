package dev.gatehouse.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.reporting.ReportingView.Reach;
import dev.gatehouse.reporting.ReportingView;
import dev.gatehouse.system.InvalidRequestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Budgets with the hours tracked against them, read through the reader's
 * {@link ReportingView}: a member sees their projects' budgets, the service account's
 * view sees every one with restricted titles masked unless the privacy setting allows
 * them; one budget per project and per story.
 */
@Import(JdbcBudgetRepository.class)
class JdbcBudgetRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

	@Autowired
	private JdbcBudgetRepository budgets;

	private Caller member;

	private long own;

	private long ownStory;

	private long restricted;

	private long restrictedStory;

	@BeforeEach
	void projects() {
		String login = unique("member");
		long memberId = user(login, false);
		long colleague = user(unique("colleague"), false);
		this.member = caller(memberId, login, false);
		this.own = project(unique("OWN"));
		this.restricted = project(unique("RES"));
		member(this.own, memberId);
		this.ownStory = story(this.own, "Checkout");
		long otherOwnStory = story(this.own, "Search");
		this.restrictedStory = story(this.restricted, "Merger");
		// Tracked hours count everyone's time, not only the reader's.
		time(memberId, this.ownStory, DAY, "1.5");
		time(colleague, otherOwnStory, DAY, "2");
		time(colleague, this.restrictedStory, DAY, "4");
	}

	@Test
	void insertWhenProjectAndStoryBudgetsThenEachReadWithItsTrackedHours() {
		long projectBudget = this.budgets.insert(this.own, null, new BigDecimal("40"), NOW);
		long storyBudget = this.budgets.insert(this.own, this.ownStory, new BigDecimal("8"), NOW);

		ReportingView view = own(this.member);
		assertThat(this.budgets.findVisible(view, projectBudget)).hasValueSatisfying((budget) -> {
			assertThat(budget.userStoryId()).isNull();
			assertThat(budget.hours()).isEqualByComparingTo("40");
			assertThat(budget.tracked()).isEqualByComparingTo("3.5");
			assertThat(budget.createDate()).isEqualTo(NOW);
		});
		assertThat(this.budgets.findVisible(view, storyBudget)).hasValueSatisfying((budget) -> {
			assertThat(budget.userStoryName()).isEqualTo("Checkout");
			assertThat(budget.tracked()).isEqualByComparingTo("1.5");
		});
	}

	@Test
	void insertWhenSecondBudgetForTheSameScopeThenRefusedByTheDatabase() {
		this.budgets.insert(this.own, null, new BigDecimal("40"), NOW);

		assertThat(this.budgets.exists(this.own, null)).isTrue();
		assertThat(this.budgets.exists(this.own, this.ownStory)).isFalse();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.budgets.insert(this.own, null, new BigDecimal("50"), NOW));
	}

	@Test
	void findVisibleWhenReaderIsNoMemberThenOnlyTheirProjectsBudgets() {
		long ownBudget = this.budgets.insert(this.own, null, new BigDecimal("40"), NOW);
		long restrictedBudget = this.budgets.insert(this.restricted, null, new BigDecimal("10"), NOW);

		assertThat(this.budgets.findVisible(own(this.member), restrictedBudget)).isEmpty();
		assertThat(this.budgets.findVisible(() -> own(this.member), CollectionParameters.firstPage()).items())
			.extracting(Budget::id)
			.containsExactly(ownBudget);
		assertThat(this.budgets.findOutside(own(this.member))).contains(restrictedBudget).doesNotContain(ownBudget);
	}

	@Test
	void findVisibleWhenThroughTheServiceAccountThenRestrictedTitlesMaskedUnlessAllowed() {
		long budget = this.budgets.insert(this.restricted, this.restrictedStory, new BigDecimal("10"), NOW);

		Budget masked = this.budgets
			.findVisible(new ReportingView(this.member, Reach.THROUGH_SERVICE_ACCOUNT, false), budget)
			.orElseThrow();
		Budget shown = this.budgets
			.findVisible(new ReportingView(this.member, Reach.THROUGH_SERVICE_ACCOUNT, true), budget)
			.orElseThrow();

		assertThat(masked.userStoryName()).isEqualTo(ReportingView.MASKED_WORK_ITEM + this.restrictedStory);
		assertThat(masked.tracked()).isEqualByComparingTo("4");
		assertThat(shown.userStoryName()).isEqualTo("Merger");
	}

	@Test
	void findVisibleWhenWhereNamesAnUnknownFieldThenRefusedBeforeTheViewIsOpened() {
		// Opening a view through the service account is audited: a request refused
		// anyway must not open one.
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.budgets.findVisible(() -> {
			throw new AssertionError("the view was opened");
		}, new CollectionParameters(25, 0, "Bogus eq 1", List.of(), List.of())));
	}

	@Test
	void findVisibleWhenFilteredAndPagedThenInIdOrder() {
		long first = this.budgets.insert(this.own, null, new BigDecimal("40"), NOW);
		long second = this.budgets.insert(this.own, this.ownStory, new BigDecimal("8"), NOW);
		this.budgets.insert(this.restricted, null, new BigDecimal("10"), NOW);
		ReportingView all = new ReportingView(this.member, Reach.THROUGH_SERVICE_ACCOUNT, false);

		var page = this.budgets.findVisible(() -> all,
				new CollectionParameters(1, 0, "Project.Id eq " + this.own, List.of(), List.of()));
		var next = this.budgets.findVisible(() -> all,
				new CollectionParameters(1, 1, "Project.Id eq " + this.own, List.of(), List.of()));

		assertThat(page.items()).extracting(Budget::id).containsExactly(first);
		assertThat(page.hasMore()).isTrue();
		assertThat(next.items()).extracting(Budget::id).containsExactly(second);
		assertThat(next.hasMore()).isFalse();
	}

	@Test
	void updateAndDeleteWhenBudgetExistsThenChangedThenGone() {
		long budget = this.budgets.insert(this.own, null, new BigDecimal("40"), NOW);

		this.budgets.update(budget, new BigDecimal("60.25"), NOW.plusSeconds(60));
		assertThat(this.budgets.findVisible(own(this.member), budget)).hasValueSatisfying((changed) -> {
			assertThat(changed.hours()).isEqualByComparingTo("60.25");
			assertThat(changed.modifyDate()).isEqualTo(NOW.plusSeconds(60));
		});

		this.budgets.delete(budget);
		assertThat(this.budgets.findVisible(own(this.member), budget)).isEmpty();
	}

	@Test
	void moveStoryBudgetWhenStoryMovedThenTheBudgetFollowsItsProject() {
		long budget = this.budgets.insert(this.restricted, this.restrictedStory, new BigDecimal("10"), NOW);
		this.jdbc.sql("update user_stories set project_id = :project where id = :story")
			.param("project", this.own)
			.param("story", this.restrictedStory)
			.update();

		this.budgets.moveStoryBudget(this.restrictedStory, this.own, NOW);

		assertThat(this.budgets.findVisible(own(this.member), budget))
			.hasValueSatisfying((moved) -> assertThat(moved.projectId()).isEqualTo(this.own));
	}

	private static ReportingView own(Caller caller) {
		return new ReportingView(caller, Reach.OWN_PROJECTS, false);
	}

}
