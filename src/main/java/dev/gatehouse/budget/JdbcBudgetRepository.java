package dev.gatehouse.budget;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
 * The {@code budgets} table, each read with the hours tracked against it by everyone,
 * through the reader's {@link ReportingView}. A story's budget belongs to the story's
 * project as it is now: a story moved to another project takes its budget along.
 */
@Repository
class JdbcBudgetRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "b.id", FieldType.INTEGER)
		.field("Hours", "b.hours", FieldType.DECIMAL)
		.field("Project.Id", "p.id", FieldType.INTEGER)
		.field("Project.Key", "p.project_key", FieldType.TEXT)
		.field("UserStory.Id", "b.user_story_id", FieldType.INTEGER)
		.field("CreateDate", "b.create_date", FieldType.INSTANT)
		.field("ModifyDate", "b.modify_date", FieldType.INSTANT);

	private static final String SELECT = """
			select b.id, p.id as project_id, p.project_key, b.user_story_id,""" + " "
			+ ReportingView.workItemName("p.id", "b.user_story_id", "s.name")
			+ """
					        as story_name, b.hours,
					       case when b.user_story_id is null
					            then (select coalesce(sum(t.spent), 0) from time_entries t
					                  join user_stories ts on ts.id = t.user_story_id where ts.project_id = b.project_id)
					            else (select coalesce(sum(t.spent), 0) from time_entries t
					                  where t.user_story_id = b.user_story_id)
					       end as tracked,
					       b.create_date, b.modify_date
					from budgets b
					left join user_stories s on s.id = b.user_story_id
					join projects p on p.id = coalesce(s.project_id, b.project_id)
					"""
			+ " where " + ReportingView.includes("p.id");

	private final JdbcClient jdbc;

	JdbcBudgetRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Budget> findVisible(ReportingView view, long id) {
		return this.jdbc.sql(SELECT + " and b.id = :id")
			.params(view.parameters())
			.param("id", id)
			.query(JdbcBudgetRepository::map)
			.optional();
	}

	/**
	 * A page of the budgets in a view. The view is opened only once the request is known
	 * to be valid, since opening it may audit a read through the service account: a
	 * {@code where} naming an unknown field is refused before anything is read.
	 */
	CollectionPage<Budget> findVisible(Supplier<ReportingView> view, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "b.id");
		return query.page(this.jdbc.sql(SELECT + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.params(view.get().parameters())
			.query(JdbcBudgetRepository::map)
			.list());
	}

	/**
	 * The ids of the budgets outside a view, which pages show as "removed or not
	 * available".
	 */
	List<Long> findOutside(ReportingView view) {
		return this.jdbc
			.sql("select b.id from budgets b left join user_stories s on s.id = b.user_story_id where not "
					+ ReportingView.includes("coalesce(s.project_id, b.project_id)") + " order by b.id")
			.params(view.parameters())
			.query(Long.class)
			.list();
	}

	boolean exists(long projectId, Long storyId) {
		// A story's budget is found by the story alone: it may have moved projects.
		return this.jdbc
			.sql((storyId != null) ? "select count(*) from budgets where user_story_id = :storyId"
					: "select count(*) from budgets where project_id = :projectId and scope_key = 0")
			.param("projectId", projectId)
			.param("storyId", storyId)
			.query(Long.class)
			.single() > 0;
	}

	long insert(long projectId, Long storyId, BigDecimal hours, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into budgets (project_id, user_story_id, scope_key, hours, create_date, modify_date)
				values (:projectId, :storyId, :scopeKey, :hours, :now, :now)
				""")
			.param("projectId", projectId)
			.param("storyId", storyId)
			.param("scopeKey", scopeKey(storyId))
			.param("hours", hours)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void update(long id, BigDecimal hours, Instant now) {
		this.jdbc.sql("update budgets set hours = :hours, modify_date = :now where id = :id")
			.param("id", id)
			.param("hours", hours)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	void moveStoryBudget(long storyId, long projectId, Instant now) {
		this.jdbc.sql("update budgets set project_id = :projectId, modify_date = :now where user_story_id = :storyId")
			.param("projectId", projectId)
			.param("storyId", storyId)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	void delete(long id) {
		this.jdbc.sql("delete from budgets where id = :id").param("id", id).update();
	}

	private static long scopeKey(Long storyId) {
		return (storyId != null) ? storyId : 0;
	}

	private static Budget map(ResultSet rs, int row) throws SQLException {
		return new Budget(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_key"),
				rs.getObject("user_story_id", Long.class), rs.getString("story_name"), rs.getBigDecimal("hours"),
				rs.getBigDecimal("tracked"), rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				rs.getObject("modify_date", OffsetDateTime.class).toInstant());
	}

}
