package dev.gatehouse.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.identity.Permission;
import dev.gatehouse.identity.Role;
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
 * The {@code roles} and {@code role_permissions} tables.
 */
@Repository
class JdbcRoleRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "id", FieldType.INTEGER)
		.field("Name", "name", FieldType.TEXT)
		.field("IsBuiltIn", "built_in", FieldType.BOOLEAN)
		.field("CreateDate", "create_date", FieldType.INSTANT)
		.field("ModifyDate", "modify_date", FieldType.INSTANT);

	private static final String SELECT_ROLE = "select id, name, built_in, create_date, modify_date from roles where 1 = 1";

	private final JdbcClient jdbc;

	JdbcRoleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Role> findById(long id) {
		return withPermissions(this.jdbc.sql(SELECT_ROLE + " and id = :id").param("id", id).query(RoleRow::map).list())
			.stream()
			.findFirst();
	}

	Optional<Role> findByName(String name) {
		return withPermissions(this.jdbc.sql(SELECT_ROLE + " and name_key = :nameKey")
			.param("nameKey", name.toLowerCase(Locale.ROOT))
			.query(RoleRow::map)
			.list()).stream().findFirst();
	}

	CollectionPage<Role> find(CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "id");
		return query.page(withPermissions(this.jdbc.sql(SELECT_ROLE + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.query(RoleRow::map)
			.list()));
	}

	List<Role> findAll() {
		return withPermissions(this.jdbc.sql(SELECT_ROLE + " order by lower(name), id").query(RoleRow::map).list());
	}

	boolean nameTaken(String name, long exceptId) {
		return this.jdbc.sql("select count(*) from roles where name_key = :nameKey and id <> :id")
			.param("nameKey", name.toLowerCase(Locale.ROOT))
			.param("id", exceptId)
			.query(Integer.class)
			.single() > 0;
	}

	long insert(String name, Set<Permission> permissions, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into roles (name, name_key, built_in, create_date, modify_date)"
					+ " values (:name, :nameKey, false, :now, :now)")
			.param("name", name)
			.param("nameKey", name.toLowerCase(Locale.ROOT))
			.param("now", JdbcUserRepository.timestamp(now))
			.update(key, "id");
		long id = key.getKeyAs(Long.class);
		replacePermissions(id, permissions);
		return id;
	}

	void update(long id, String name, Set<Permission> permissions, Instant now) {
		this.jdbc.sql("update roles set name = :name, name_key = :nameKey, modify_date = :now where id = :id")
			.param("id", id)
			.param("name", name)
			.param("nameKey", name.toLowerCase(Locale.ROOT))
			.param("now", JdbcUserRepository.timestamp(now))
			.update();
		replacePermissions(id, permissions);
	}

	boolean inUse(long id) {
		return this.jdbc.sql("select count(*) from users where role_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single() > 0;
	}

	void delete(long id) {
		this.jdbc.sql("delete from roles where id = :id").param("id", id).update();
	}

	private void replacePermissions(long roleId, Set<Permission> permissions) {
		this.jdbc.sql("delete from role_permissions where role_id = :id").param("id", roleId).update();
		for (Permission permission : permissions) {
			this.jdbc.sql("insert into role_permissions (role_id, permission) values (:id, :permission)")
				.param("id", roleId)
				.param("permission", permission.name())
				.update();
		}
	}

	private List<Role> withPermissions(List<RoleRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, Set<Permission>> permissions = new LinkedHashMap<>();
		rows.forEach((row) -> permissions.put(row.id(), EnumSet.noneOf(Permission.class)));
		this.jdbc.sql("select role_id, permission from role_permissions where role_id in (:ids)")
			.param("ids", new ArrayList<>(permissions.keySet()))
			.query((rs) -> {
				Set<Permission> granted = permissions.get(rs.getLong("role_id"));
				// A permission a newer version wrote and this one does not know is
				// ignored.
				for (Permission permission : Permission.values()) {
					if (permission.name().equals(rs.getString("permission"))) {
						granted.add(permission);
					}
				}
			});
		return rows.stream()
			.map((row) -> new Role(row.id(), row.name(), row.builtIn(), permissions.get(row.id()), row.createDate(),
					row.modifyDate()))
			.toList();
	}

	private record RoleRow(long id, String name, boolean builtIn, Instant createDate, Instant modifyDate) {

		static RoleRow map(ResultSet rs, int row) throws SQLException {
			return new RoleRow(rs.getLong("id"), rs.getString("name"), rs.getBoolean("built_in"),
					JdbcUserRepository.instant(rs, "create_date"), JdbcUserRepository.instant(rs, "modify_date"));
		}

	}

}
