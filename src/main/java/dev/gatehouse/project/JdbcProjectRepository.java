package dev.gatehouse.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Permission;
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
 * The {@code projects} and {@code project_members} tables.
 */
@Repository
class JdbcProjectRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "p.id", FieldType.INTEGER)
		.field("Key", "p.project_key", FieldType.TEXT)
		.field("Name", "p.name", FieldType.TEXT)
		.field("CreateDate", "p.create_date", FieldType.INSTANT)
		.field("ModifyDate", "p.modify_date", FieldType.INSTANT);

	/**
	 * Administrators see every project; everyone else the projects they are a member of.
	 */
	static final String VISIBLE_TO_CALLER = ProjectVisibility.of("p.id");

	private static final String SELECT_PROJECT = "select p.id, p.project_key, p.name, p.create_date, p.modify_date"
			+ " from projects p where " + VISIBLE_TO_CALLER;

	private final JdbcClient jdbc;

	JdbcProjectRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Project> findVisible(Caller caller, long id) {
		return this.jdbc.sql(SELECT_PROJECT + " and p.id = :id")
			.param("administrator", caller.administrator())
			.param("callerId", caller.userId())
			.param("id", id)
			.query(JdbcProjectRepository::mapProject)
			.optional();
	}

	Optional<Project> findVisibleByKey(Caller caller, String key) {
		return this.jdbc.sql(SELECT_PROJECT + " and p.key_lookup = :keyLookup")
			.param("administrator", caller.administrator())
			.param("callerId", caller.userId())
			.param("keyLookup", key.toLowerCase(Locale.ROOT))
			.query(JdbcProjectRepository::mapProject)
			.optional();
	}

	CollectionPage<Project> findVisible(Caller caller, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "p.id");
		return query.page(this.jdbc.sql(SELECT_PROJECT + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.param("administrator", caller.administrator())
			.param("callerId", caller.userId())
			.query(JdbcProjectRepository::mapProject)
			.list());
	}

	boolean keyTaken(String key, long exceptId) {
		return this.jdbc.sql("select count(*) from projects where key_lookup = :keyLookup and id <> :id")
			.param("keyLookup", key.toLowerCase(Locale.ROOT))
			.param("id", exceptId)
			.query(Integer.class)
			.single() > 0;
	}

	long insert(String key, String name, Instant now) {
		KeyHolder id = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into projects (project_key, key_lookup, name, create_date, modify_date)"
					+ " values (:key, :keyLookup, :name, :now, :now)")
			.param("key", key)
			.param("keyLookup", key.toLowerCase(Locale.ROOT))
			.param("name", name)
			.param("now", timestamp(now))
			.update(id, "id");
		return id.getKeyAs(Long.class);
	}

	void update(long id, String key, String name, Instant now) {
		this.jdbc
			.sql("update projects set project_key = :key, key_lookup = :keyLookup, name = :name, modify_date = :now"
					+ " where id = :id")
			.param("id", id)
			.param("key", key)
			.param("keyLookup", key.toLowerCase(Locale.ROOT))
			.param("name", name)
			.param("now", timestamp(now))
			.update();
	}

	void delete(long id) {
		this.jdbc.sql("delete from projects where id = :id").param("id", id).update();
	}

	/**
	 * The active members of a project whose role there (or default role) administers it.
	 */
	List<Long> administratorIds(long projectId) {
		return this.jdbc.sql("""
				select m.user_id from project_members m
				join users u on u.id = m.user_id
				join role_permissions p on p.role_id = coalesce(m.role_id, u.role_id)
				where m.project_id = :projectId and p.permission = 'ADMINISTER_PROJECT'
				  and u.active = true and u.delete_date is null
				order by m.user_id
				""").param("projectId", projectId).query(Long.class).list();
	}

	List<ProjectMember> members(Collection<Long> projectIds) {
		if (projectIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select m.project_id, m.user_id, u.login, u.first_name, u.last_name, m.role_id, r.name as role_name
				from project_members m
				join users u on u.id = m.user_id
				left join roles r on r.id = m.role_id
				where m.project_id in (:projectIds)
				order by m.project_id, lower(u.login)
				""").param("projectIds", new ArrayList<>(projectIds)).query((rs, row) -> {
			String name = (rs.getString("first_name") + " " + rs.getString("last_name")).trim();
			long roleId = rs.getLong("role_id");
			Long memberRole = rs.wasNull() ? null : roleId;
			return new ProjectMember(rs.getLong("project_id"), rs.getLong("user_id"),
					name.isEmpty() ? rs.getString("login") : name, memberRole, rs.getString("role_name"));
		}).list();
	}

	/**
	 * Whether some project exists that a user is not a member of.
	 */
	boolean missesAnyProject(long userId) {
		return this.jdbc
			.sql("select count(*) from projects p where not exists"
					+ " (select 1 from project_members m where m.project_id = p.id and m.user_id = :userId)")
			.param("userId", userId)
			.query(Long.class)
			.single() > 0;
	}

	boolean isMember(long projectId, long userId) {
		return this.jdbc.sql("select count(*) from project_members where project_id = :projectId and user_id = :userId")
			.param("projectId", projectId)
			.param("userId", userId)
			.query(Integer.class)
			.single() > 0;
	}

	void addMember(long projectId, long userId, Long roleId) {
		this.jdbc
			.sql("insert into project_members (project_id, user_id, role_id) values (:projectId, :userId, :roleId)")
			.param("projectId", projectId)
			.param("userId", userId)
			.param("roleId", roleId)
			.update();
	}

	void changeMemberRole(long projectId, long userId, Long roleId) {
		this.jdbc
			.sql("update project_members set role_id = :roleId where project_id = :projectId and user_id = :userId")
			.param("projectId", projectId)
			.param("userId", userId)
			.param("roleId", roleId)
			.update();
	}

	int removeMember(long projectId, long userId) {
		return this.jdbc.sql("delete from project_members where project_id = :projectId and user_id = :userId")
			.param("projectId", projectId)
			.param("userId", userId)
			.update();
	}

	/**
	 * The permissions a member holds in a project: those of the membership's role, or of
	 * the member's default role when the membership names none. Empty for non-members.
	 */
	Set<Permission> memberPermissions(long projectId, long userId) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		this.jdbc.sql("""
				select rp.permission
				from project_members m
				join users u on u.id = m.user_id
				join role_permissions rp on rp.role_id = coalesce(m.role_id, u.role_id)
				where m.project_id = :projectId and m.user_id = :userId
				""")
			.param("projectId", projectId)
			.param("userId", userId)
			.query(String.class)
			.list()
			.forEach((name) -> {
				for (Permission permission : Permission.values()) {
					if (permission.name().equals(name)) {
						permissions.add(permission);
					}
				}
			});
		return permissions;
	}

	private static Project mapProject(ResultSet rs, int row) throws SQLException {
		return new Project(rs.getLong("id"), rs.getString("project_key"), rs.getString("name"),
				rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				rs.getObject("modify_date", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
