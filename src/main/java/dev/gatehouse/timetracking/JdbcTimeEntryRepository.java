package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;
import dev.gatehouse.reporting.ReportingView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code time_entries} table. Users see their own entries; administrators see all.
 * Work item names follow the reader's {@link ReportingView}: masked for projects they
 * cannot access, unless the service account's view and the privacy setting allow them.
 */
@Repository
class JdbcTimeEntryRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "t.id", FieldType.INTEGER)
		.field("Date", "t.entry_date", FieldType.DATE)
		.field("Spent", "t.spent", FieldType.DECIMAL)
		.field("Description", "t.description", FieldType.TEXT)
		.field("Billable", "t.billable", FieldType.BOOLEAN)
		.field("CreateDate", "t.create_date", FieldType.INSTANT)
		.field("ModifyDate", "t.modify_date", FieldType.INSTANT)
		.field("User.Id", "t.user_id", FieldType.INTEGER)
		.field("User.Login", "u.login", FieldType.TEXT)
		.field("UserStory.Id", "t.user_story_id", FieldType.INTEGER)
		.field("UserStory.Name", ReportingView.workItemName("s.project_id", "s.id", "s.name"), FieldType.TEXT)
		.field("Project.Id", "s.project_id", FieldType.INTEGER)
		.field("Project.Key", "p.project_key", FieldType.TEXT);

	private static final String SELECT = """
			select t.id, t.user_id, u.login, t.user_story_id,""" + " "
			+ ReportingView.workItemName("s.project_id", "s.id", "s.name") + """
					       as story_name,
					       s.project_id, p.project_key,
					       t.entry_date, t.spent, t.description, t.billable, t.create_date, t.modify_date
					from time_entries t
					join users u on u.id = t.user_id
					join user_stories s on s.id = t.user_story_id
					join projects p on p.id = s.project_id
					where (:administrator = true or t.user_id = :callerId)
					""";

	private final JdbcClient jdbc;

	JdbcTimeEntryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<TimeEntry> findVisible(ReportingView view, long id) {
		return this.jdbc.sql(SELECT + " and t.id = :id")
			.params(view.parameters())
			.param("id", id)
			.query(JdbcTimeEntryRepository::map)
			.optional();
	}

	CollectionPage<TimeEntry> findVisible(ReportingView view, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "t.id");
		return query.page(this.jdbc.sql(SELECT + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.params(view.parameters())
			.query(JdbcTimeEntryRepository::map)
			.list());
	}

	/**
	 * The hours a user logged on a day, leaving one entry out (the one being changed).
	 */
	BigDecimal dayTotal(long userId, LocalDate date, long exceptId) {
		return this.jdbc
			.sql("select coalesce(sum(spent), 0) from time_entries"
					+ " where user_id = :userId and entry_date = :date and id <> :exceptId")
			.param("userId", userId)
			.param("date", date)
			.param("exceptId", exceptId)
			.query(BigDecimal.class)
			.single();
	}

	/**
	 * Whether a user may have time on a project's stories: an administrator, or a member.
	 */
	boolean mayLogOn(long userId, long projectId) {
		return this.jdbc
			.sql("select count(*) from users u where u.id = :userId and (u.administrator = true or exists"
					+ " (select 1 from project_members m where m.project_id = :projectId and m.user_id = u.id))")
			.param("userId", userId)
			.param("projectId", projectId)
			.query(Long.class)
			.single() > 0;
	}

	long insert(long userId, long storyId, LocalDate date, BigDecimal spent, String description, boolean billable,
			Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into time_entries (user_id, user_story_id, entry_date, spent, description, billable,
				                          create_date, modify_date)
				values (:userId, :storyId, :date, :spent, :description, :billable, :now, :now)
				""").params(parameters(userId, storyId, date, spent, description, billable, now)).update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void update(long id, long userId, long storyId, LocalDate date, BigDecimal spent, String description,
			boolean billable, Instant now) {
		this.jdbc.sql("""
				update time_entries set user_id = :userId, user_story_id = :storyId, entry_date = :date,
				       spent = :spent, description = :description, billable = :billable, modify_date = :now
				where id = :id
				""")
			.param("id", id)
			.params(parameters(userId, storyId, date, spent, description, billable, now))
			.update();
	}

	/**
	 * The columns of an entry as bound by {@link #insert} and {@link #update}.
	 */
	private static Map<String, Object> parameters(long userId, long storyId, LocalDate date, BigDecimal spent,
			String description, boolean billable, Instant now) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("userId", userId);
		parameters.put("storyId", storyId);
		parameters.put("date", date);
		parameters.put("spent", spent);
		parameters.put("description", description);
		parameters.put("billable", billable);
		parameters.put("now", now.atOffset(ZoneOffset.UTC));
		return parameters;
	}

	void delete(long id) {
		this.jdbc.sql("delete from time_entries where id = :id").param("id", id).update();
	}

	private static TimeEntry map(ResultSet rs, int row) throws SQLException {
		return new TimeEntry(rs.getLong("id"), rs.getLong("user_id"), rs.getString("login"),
				rs.getLong("user_story_id"), rs.getString("story_name"), rs.getLong("project_id"),
				rs.getString("project_key"), rs.getObject("entry_date", LocalDate.class), rs.getBigDecimal("spent"),
				rs.getString("description"), rs.getBoolean("billable"),
				rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				rs.getObject("modify_date", OffsetDateTime.class).toInstant());
	}

}
