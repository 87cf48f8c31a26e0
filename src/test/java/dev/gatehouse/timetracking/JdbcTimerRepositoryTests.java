package dev.gatehouse.timetracking;

import java.time.Instant;
import java.time.ZoneId;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.reporting.ReportingView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Timers: one per user, taken once, found when due or when their user can no longer run
 * them; the last server stop kept until seen.
 */
@Import(JdbcTimerRepository.class)
class JdbcTimerRepositoryTests extends RepositorySliceSupport {

	private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Autowired
	private JdbcTimerRepository timers;

	private Caller ann;

	private long project;

	private long story;

	@BeforeEach
	void memberWithAStory() {
		String login = unique("timer");
		this.ann = caller(user(login, false), login, false);
		this.project = project(unique("TIMER"));
		member(this.project, this.ann.userId());
		this.story = story(this.project, "Checkout");
	}

	@Test
	void insertWhenReadBackThenEveryColumnKept() {
		long id = this.timers.insert(this.ann.userId(), this.story, "pairing", true, PARIS, START,
				START.plusSeconds(36_000));

		assertThat(this.timers.findRunning(ReportingView.withoutServiceAccount(this.ann), this.ann.userId()))
			.hasValueSatisfying((timer) -> {
				assertThat(timer.id()).isEqualTo(id);
				assertThat(timer.userLogin()).isEqualTo(this.ann.login());
				assertThat(timer.userStoryName()).isEqualTo("Checkout");
				assertThat(timer.projectId()).isEqualTo(this.project);
				assertThat(timer.description()).isEqualTo("pairing");
				assertThat(timer.billable()).isTrue();
				assertThat(timer.timeZone()).isEqualTo(PARIS);
				assertThat(timer.startDate()).isEqualTo(START);
				assertThat(timer.stopsAt()).isEqualTo(START.plusSeconds(36_000));
			});
	}

	@Test
	void insertWhenTheUserHasATimerThenRefusedByTheDatabase() {
		this.timers.insert(this.ann.userId(), this.story, null, false, PARIS, START, START.plusSeconds(60));

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.timers
			.insert(this.ann.userId(), this.story, null, false, PARIS, START, START.plusSeconds(60)));
	}

	@Test
	void takeWhenTwiceThenOnlyTheFirstTakesIt() {
		long id = this.timers.insert(this.ann.userId(), this.story, null, false, PARIS, START, START.plusSeconds(60));

		assertThat(this.timers.take(id)).isTrue();
		assertThat(this.timers.take(id)).isFalse();
		assertThat(this.timers.findById(id)).isEmpty();
	}

	@Test
	void findDueWhenItsMomentCameThenFoundAndNotBefore() {
		long id = this.timers.insert(this.ann.userId(), this.story, null, false, PARIS, START, START.plusSeconds(60));

		assertThat(this.timers.findDue(START.plusSeconds(59), 10)).extracting(Timer::id).doesNotContain(id);
		assertThat(this.timers.findDue(START.plusSeconds(60), 10)).extracting(Timer::id).contains(id);
	}

	@Test
	void findOutOfReachWhenTheUserLeftTheProjectOrWasDeactivatedThenFound() {
		long id = this.timers.insert(this.ann.userId(), this.story, null, false, PARIS, START, START.plusSeconds(60));
		String login = unique("admin");
		long administrator = user(login, true);
		long adminTimer = this.timers.insert(administrator, this.story, null, false, PARIS, START,
				START.plusSeconds(60));
		assertThat(this.timers.findOutOfReach(100)).extracting(Timer::id).doesNotContain(id, adminTimer);

		this.jdbc.sql("delete from project_members where user_id = :userId")
			.param("userId", this.ann.userId())
			.update();
		assertThat(this.timers.findOutOfReach(100)).extracting(Timer::id).contains(id).doesNotContain(adminTimer);

		this.jdbc.sql("update users set active = false where id = :id").param("id", administrator).update();
		assertThat(this.timers.findOutOfReach(100)).extracting(Timer::id).contains(id, adminTimer);
	}

	@Test
	void stopWhenRecordedThenKeptUntilForgottenAndReplacedByTheNext() {
		this.timers.recordStop(this.ann.userId(), START, "first");
		this.timers.recordStop(this.ann.userId(), START.plusSeconds(1), "second");

		assertThat(this.timers.findStop(this.ann.userId())).hasValue("second");
		this.timers.forgetStop(this.ann.userId());
		assertThat(this.timers.findStop(this.ann.userId())).isEmpty();
	}

}
