package dev.gatehouse.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.reporting.JdbcReportingRepository.ExportFilter;
import dev.gatehouse.reporting.JdbcReportingRepository.FeedQuery;
import dev.gatehouse.reporting.ReportingView.Reach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model's statements over the feed's tables: a member reads their own projects'
 * rows only; the service account's view reads every project with restricted titles and
 * descriptions masked unless the privacy setting allows them; the CSV export streams the
 * same rows in key order, in its own read-only transaction (which joins the test's).
 */
@Import(JdbcReportingRepository.class)
class JdbcReportingRepositoryTests extends RepositorySliceSupport {

	private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

	private static final ReportingTable WORK_LOGS = ReportingTable.of("WorkLogs");

	@Autowired
	private JdbcReportingRepository reporting;

	private Caller member;

	private String ownKey;

	private String restrictedKey;

	private long restrictedStory;

	@BeforeEach
	void projects() {
		String login = unique("reader");
		long memberId = user(login, false);
		long colleague = user(unique("colleague"), false);
		this.member = caller(memberId, login, false);
		this.ownKey = unique("OWN");
		this.restrictedKey = unique("RES");
		long own = project(this.ownKey);
		long restricted = project(this.restrictedKey);
		member(own, memberId);
		long ownStory = story(own, "Checkout");
		this.restrictedStory = story(restricted, "Merger");
		time(memberId, ownStory, DAY, "1.5");
		time(colleague, ownStory, DAY.plusDays(1), "2");
		time(colleague, this.restrictedStory, DAY, "4");
	}

	@Test
	void pageWhenMemberThenOnlyTheirProjectsRowsWithTitles() {
		ReportingView view = new ReportingView(this.member, Reach.OWN_PROJECTS, false);

		List<Object[]> rows = this.reporting.page(workLogs(view), 0, 100);

		assertThat(rows).hasSize(2).allSatisfy((row) -> {
			assertThat(row[column("ProjectKey")]).isEqualTo(this.ownKey);
			assertThat(row[column("WorkItemName")]).isEqualTo("Checkout");
			assertThat(row[column("Description")]).isEqualTo("work");
		});
		assertThat(this.reporting.count(workLogs(view))).isEqualTo(2);
	}

	@Test
	void pageWhenThroughTheServiceAccountThenEveryProjectWithRestrictedTitlesMasked() {
		ReportingView view = new ReportingView(this.member, Reach.THROUGH_SERVICE_ACCOUNT, false);

		List<Object[]> rows = this.reporting.page(workLogs(view), 0, 100);

		assertThat(rows).hasSize(3);
		assertThat(rows).filteredOn((row) -> this.restrictedKey.equals(row[column("ProjectKey")]))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row[column("WorkItemName")])
					.isEqualTo(ReportingView.MASKED_WORK_ITEM + this.restrictedStory);
				assertThat(row[column("Description")]).isNull();
				assertThat((BigDecimal) row[column("Hours")]).isEqualByComparingTo("4");
			});
	}

	@Test
	void pageWhenPrivacySettingAllowsThenRestrictedTitlesShown() {
		ReportingView view = new ReportingView(this.member, Reach.THROUGH_SERVICE_ACCOUNT, true);

		List<Object[]> rows = this.reporting.page(workLogs(view), 0, 100);

		assertThat(rows).extracting((row) -> row[column("WorkItemName")]).contains("Merger", "Checkout");
	}

	@Test
	void pageWhenOffsetAndFetchThenThatSliceInOrder() {
		ReportingView view = new ReportingView(this.member, Reach.THROUGH_SERVICE_ACCOUNT, false);

		List<Object[]> all = this.reporting.page(workLogs(view), 0, 100);
		List<Object[]> second = this.reporting.page(workLogs(view), 1, 1);

		assertThat(second).singleElement().satisfies((row) -> assertThat(row[0]).isEqualTo(all.get(1)[0]));
	}

	@Test
	void exportWhenMemberFiltersProjectAndDatesThenOnlyThoseRowsInKeyOrder() {
		ReportingView view = new ReportingView(this.member, Reach.OWN_PROJECTS, false);
		List<Object[]> rows = new ArrayList<>();

		this.reporting.export(WORK_LOGS, view,
				new ExportFilter(this.ownKey.toLowerCase(Locale.ROOT), DAY.plusDays(1), DAY.plusDays(1)), rows::add);

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row).hasSize(WORK_LOGS.columns().size());
			assertThat(row[column("ProjectKey")]).isEqualTo(this.ownKey);
		});
	}

	@Test
	void exportWhenMemberAsksForAnotherProjectThenNothing() {
		ReportingView view = new ReportingView(this.member, Reach.OWN_PROJECTS, false);
		List<Object[]> rows = new ArrayList<>();

		this.reporting.export(WORK_LOGS, view, new ExportFilter(this.restrictedKey, null, null), rows::add);

		assertThat(rows).isEmpty();
	}

	/**
	 * Every work log in the view of the fixture's two projects; the service account's
	 * view also sees other tests' projects on a long-lived database.
	 */
	private FeedQuery workLogs(ReportingView view) {
		Map<String, Object> parameters = new HashMap<>(view.parameters());
		parameters.put("keys", List.of(this.ownKey, this.restrictedKey));
		return FeedQuery.rows(WORK_LOGS, "p.project_key in (:keys)", "", "t.id", parameters);
	}

	private static int column(String property) {
		return WORK_LOGS.columns().indexOf(WORK_LOGS.column(property));
	}

}
