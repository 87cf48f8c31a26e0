package dev.gatehouse.timetracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.gatehouse.reporting.ReportingView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code timers} table, one running timer per user, and {@code timer_stops}: why the
 * server last stopped someone's timer, until they have seen it.
 */
@Repository
class JdbcTimerRepository {

	private static final String COLUMNS = """
			select t.id, t.user_id, u.login, t.user_story_id, %s as story_name, s.project_id, p.project_key,
			       t.description, t.billable, t.time_zone, t.start_date, t.stops_at
			from timers t
			join users u on u.id = t.user_id
			join user_stories s on s.id = t.user_story_id
			join projects p on p.id = s.project_id
			""";

	private static final String VISIBLE = COLUMNS
		.formatted(ReportingView.workItemName("s.project_id", "s.id", "s.name"))
			+ " where t.user_id = :userId and (:administrator = true or t.user_id = :callerId)";

	private static final String STORED = COLUMNS.formatted("s.name");

	private final JdbcClient jdbc;

	JdbcTimerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A user's running timer, its story named as the view allows.
	 */
	Optional<Timer> findRunning(ReportingView view, long userId) {
		return this.jdbc.sql(VISIBLE).params(view.parameters()).param("userId", userId).query(this::map).optional();
	}

	/**
	 * A timer as stored, whoever reads.
	 */
	Optional<Timer> findById(long id) {
		return this.jdbc.sql(STORED + " where t.id = :id").param("id", id).query(this::map).optional();
	}

	/**
	 * Timers whose moment to stop themselves has come, oldest first.
	 */
	List<Timer> findDue(Instant now, int limit) {
		return this.jdbc
			.sql(STORED + " where t.stops_at <= :now order by t.stops_at, t.id fetch first :limit rows only")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	/**
	 * Timers of users who may no longer run them: deactivated, made requesters, or no
	 * longer members of the story's project (unless administrators).
	 */
	List<Timer> findOutOfReach(int limit) {
		return this.jdbc.sql(STORED + """
				 where u.active = false or u.kind <> 'User'
				    or (u.administrator = false and not exists
				        (select 1 from project_members m where m.project_id = s.project_id and m.user_id = u.id))
				order by t.id fetch first :limit rows only
				""").param("limit", limit).query(this::map).list();
	}

	long insert(long userId, long storyId, String description, boolean billable, ZoneId zone, Instant start,
			Instant stopsAt) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into timers (user_id, user_story_id, description, billable, time_zone, start_date, stops_at)
				values (:userId, :storyId, :description, :billable, :zone, :start, :stopsAt)
				""")
			.param("userId", userId)
			.param("storyId", storyId)
			.param("description", description)
			.param("billable", billable)
			.param("zone", zone.getId())
			.param("start", start.atOffset(ZoneOffset.UTC))
			.param("stopsAt", stopsAt.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * Takes a timer off the table: whoever takes it stops it, so that a timer stopped
	 * from two devices or on two nodes at once is stopped once.
	 * @return whether this call took it
	 */
	boolean take(long id) {
		return this.jdbc.sql("delete from timers where id = :id").param("id", id).update() == 1;
	}

	void recordStop(long userId, Instant when, String message) {
		this.jdbc.sql("delete from timer_stops where user_id = :userId").param("userId", userId).update();
		this.jdbc.sql("insert into timer_stops (user_id, stop_date, message) values (:userId, :when, :message)")
			.param("userId", userId)
			.param("when", when.atOffset(ZoneOffset.UTC))
			.param("message", message)
			.update();
	}

	Optional<String> findStop(long userId) {
		return this.jdbc.sql("select message from timer_stops where user_id = :userId")
			.param("userId", userId)
			.query(String.class)
			.optional();
	}

	void forgetStop(long userId) {
		this.jdbc.sql("delete from timer_stops where user_id = :userId").param("userId", userId).update();
	}

	private Timer map(ResultSet rs, int row) throws SQLException {
		return new Timer(rs.getLong("id"), rs.getLong("user_id"), rs.getString("login"), rs.getLong("user_story_id"),
				rs.getString("story_name"), rs.getLong("project_id"), rs.getString("project_key"),
				rs.getString("description"), rs.getBoolean("billable"), ZoneId.of(rs.getString("time_zone")),
				rs.getObject("start_date", OffsetDateTime.class).toInstant(),
				rs.getObject("stops_at", OffsetDateTime.class).toInstant());
	}

}
