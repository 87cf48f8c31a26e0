package dev.gatehouse.workitem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.ProjectVisibility;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_stories} table, always read through the caller's project visibility.
 */
@Repository
class JdbcUserStoryRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "s.id", FieldType.INTEGER)
		.field("Name", "s.name", FieldType.TEXT)
		.field("Description", "s.description", FieldType.TEXT)
		.field("State", "s.state", FieldType.TEXT)
		.field("Effort", "s.effort", FieldType.DECIMAL)
		.field("CreateDate", "s.create_date", FieldType.INSTANT)
		.field("ModifyDate", "s.modify_date", FieldType.INSTANT)
		.field("Project.Id", "s.project_id", FieldType.INTEGER)
		.field("Project.Name", "p.name", FieldType.TEXT)
		.field("Owner.Id", "s.owner_id", FieldType.INTEGER);

	private static final String SELECT_STORY = """
			select s.id, s.project_id, p.name as project_name, s.name, s.description, s.state, s.effort, s.owner_id,
			       o.login as owner_login, o.first_name as owner_first_name, o.last_name as owner_last_name,
			       s.create_date, s.modify_date
			from user_stories s
			join projects p on p.id = s.project_id
			left join users o on o.id = s.owner_id
			""" + " where " + ProjectVisibility.of("s.project_id");

	private final JdbcClient jdbc;

	JdbcUserStoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UserStory> findVisible(Caller caller, long id) {
		return this.jdbc.sql(SELECT_STORY + " and s.id = :id")
			.param("administrator", caller.administrator())
			.param("callerId", caller.userId())
			.param("id", id)
			.query(JdbcUserStoryRepository::map)
			.optional();
	}

	CollectionPage<UserStory> findVisible(Caller caller, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "s.id");
		return query.page(this.jdbc.sql(SELECT_STORY + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.param("administrator", caller.administrator())
			.param("callerId", caller.userId())
			.query(JdbcUserStoryRepository::map)
			.list());
	}

	long insert(UserStory story, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					insert into user_stories (project_id, name, description, state, effort, owner_id, create_date, modify_date)
					values (:projectId, :name, :description, :state, :effort, :ownerId, :now, :now)
					""")
			.params(parameters(story, now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	void update(UserStory story, Instant now) {
		this.jdbc.sql("""
				update user_stories set project_id = :projectId, name = :name, description = :description,
				       state = :state, effort = :effort, owner_id = :ownerId, modify_date = :now
				where id = :id
				""").param("id", story.id()).params(parameters(story, now)).update();
	}

	/**
	 * The columns of a story as bound by {@link #insert} and {@link #update}.
	 */
	private static Map<String, Object> parameters(UserStory story, Instant now) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("projectId", story.projectId());
		parameters.put("name", story.name());
		parameters.put("description", story.description());
		parameters.put("state", story.state());
		parameters.put("effort", story.effort());
		parameters.put("ownerId", story.ownerId());
		parameters.put("now", now.atOffset(ZoneOffset.UTC));
		return parameters;
	}

	/**
	 * Whether time was logged on the story or a budget set on it (tables of the
	 * time-tracking and budget features, read here so the story's deletion can refuse).
	 */
	boolean hasTimeOrBudget(long id) {
		return this.jdbc
			.sql("select (select count(*) from time_entries where user_story_id = :id)"
					+ " + (select count(*) from budgets where user_story_id = :id)")
			.param("id", id)
			.query(Long.class)
			.single() > 0;
	}

	void delete(long id) {
		this.jdbc.sql("delete from user_stories where id = :id").param("id", id).update();
	}

	private static UserStory map(ResultSet rs, int row) throws SQLException {
		long ownerId = rs.getLong("owner_id");
		boolean hasOwner = !rs.wasNull();
		String ownerName = null;
		if (hasOwner) {
			String name = (rs.getString("owner_first_name") + " " + rs.getString("owner_last_name")).trim();
			ownerName = name.isEmpty() ? rs.getString("owner_login") : name;
		}
		return new UserStory(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_name"),
				rs.getString("name"), rs.getString("description"), rs.getString("state"), rs.getBigDecimal("effort"),
				hasOwner ? ownerId : null, ownerName, rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				rs.getObject("modify_date", OffsetDateTime.class).toInstant());
	}

}
