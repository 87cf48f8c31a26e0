package dev.gatehouse.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code users} table. Deleted users keep their row (other entities refer to them)
 * but are invisible here.
 */
@Repository
class JdbcUserRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "u.id", FieldType.INTEGER)
		.field("Login", "u.login", FieldType.TEXT)
		.field("FirstName", "u.first_name", FieldType.TEXT)
		.field("LastName", "u.last_name", FieldType.TEXT)
		.field("Email", "u.email", FieldType.TEXT)
		.field("Kind", "u.kind", FieldType.TEXT)
		.field("IsActive", "u.active", FieldType.BOOLEAN)
		.field("IsAdministrator", "u.administrator", FieldType.BOOLEAN)
		.field("Locale", "u.locale", FieldType.TEXT)
		.field("CreateDate", "u.create_date", FieldType.INSTANT)
		.field("ModifyDate", "u.modify_date", FieldType.INSTANT)
		.field("LastLoginDate", "u.last_login_date", FieldType.INSTANT)
		.field("Role.Id", "u.role_id", FieldType.INTEGER)
		.field("Role.Name", "r.name", FieldType.TEXT);

	private static final String SELECT_USER = """
			select u.id, u.login, u.first_name, u.last_name, u.email, u.password_hash, u.kind, u.active,
			       u.administrator, u.built_in, u.role_id, r.name as role_name, u.locale, u.credential_version,
			       u.create_date, u.modify_date, u.last_login_date
			from users u join roles r on r.id = u.role_id
			where u.delete_date is null
			""";

	private static final String INSERT_USER = """
			insert into users (login, login_key, first_name, last_name, email, password_hash, kind, active,
			                   administrator, role_id, locale, create_date, modify_date)
			values (:login, :loginKey, :firstName, :lastName, :email, :passwordHash, :kind, :active,
			        :administrator, :roleId, :locale, :now, :now)
			""";

	private static final String UPDATE_USER = """
			update users set login = :login, login_key = :loginKey, first_name = :firstName, last_name = :lastName,
			       email = :email, password_hash = :passwordHash, kind = :kind, active = :active,
			       administrator = :administrator, role_id = :roleId, locale = :locale,
			       credential_version = :credentialVersion, modify_date = :now
			where id = :id and delete_date is null
			""";

	private static final RowMapper<User> USER_MAPPER = JdbcUserRepository::mapUser;

	private final JdbcClient jdbc;

	JdbcUserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<User> findById(long id) {
		return this.jdbc.sql(SELECT_USER + " and u.id = :id").param("id", id).query(USER_MAPPER).optional();
	}

	Optional<User> findByLogin(String login) {
		return this.jdbc.sql(SELECT_USER + " and u.login_key = :loginKey")
			.param("loginKey", loginKey(login))
			.query(USER_MAPPER)
			.optional();
	}

	List<User> findByEmail(String email) {
		return this.jdbc.sql(SELECT_USER + " and lower(u.email) = :email")
			.param("email", email.toLowerCase(Locale.ROOT))
			.query(USER_MAPPER)
			.list();
	}

	Optional<User> findSystemUser() {
		return this.jdbc.sql(SELECT_USER + " and u.built_in = true").query(USER_MAPPER).optional();
	}

	CollectionPage<User> find(CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "u.id");
		return query.page(this.jdbc.sql(SELECT_USER + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.query(USER_MAPPER)
			.list());
	}

	boolean loginTaken(String login, long exceptId) {
		return this.jdbc.sql("select count(*) from users where login_key = :loginKey and id <> :id")
			.param("loginKey", loginKey(login))
			.param("id", exceptId)
			.query(Integer.class)
			.single() > 0;
	}

	long insert(User user, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT_USER).params(columns(user, now)).update(key, "id");
		return key.getKeyAs(Long.class);
	}

	void update(User user, Instant now) {
		this.jdbc.sql(UPDATE_USER).params(columns(user, now)).update();
	}

	/**
	 * The values of a user's writable columns, named as the statements bind them.
	 */
	private static Map<String, Object> columns(User user, Instant now) {
		Map<String, Object> columns = new HashMap<>();
		columns.put("id", user.id());
		columns.put("login", user.login());
		columns.put("loginKey", loginKey(user.login()));
		columns.put("firstName", user.firstName());
		columns.put("lastName", user.lastName());
		columns.put("email", user.email());
		columns.put("passwordHash", user.passwordHash());
		columns.put("kind", user.kind().name());
		columns.put("active", user.active());
		columns.put("administrator", user.administrator());
		columns.put("roleId", user.roleId());
		columns.put("locale", user.locale());
		columns.put("credentialVersion", user.credentialVersion());
		columns.put("now", timestamp(now));
		return columns;
	}

	/**
	 * Deletes a user: the row stays for the entities that refer to it, the login is freed
	 * and the user can no longer sign in.
	 */
	void markDeleted(long id, Instant now) {
		this.jdbc.sql("delete from project_members where user_id = :id").param("id", id).update();
		this.jdbc.sql("""
				update users set delete_date = :now, modify_date = :now, login_key = null, active = false,
				       password_hash = null, credential_version = credential_version + 1
				where id = :id
				""").param("id", id).param("now", timestamp(now)).update();
	}

	/**
	 * Ends every credential derived from the user's current credential version: service
	 * tokens and signed-in sessions. The password stays.
	 */
	int bumpCredentialVersion(long id, Instant now) {
		return this.jdbc
			.sql("update users set credential_version = credential_version + 1, modify_date = :now where id = :id")
			.param("id", id)
			.param("now", timestamp(now))
			.update();
	}

	void recordLogin(long id, Instant now) {
		this.jdbc.sql("update users set last_login_date = :now where id = :id")
			.param("id", id)
			.param("now", timestamp(now))
			.update();
	}

	/**
	 * The active administrators who are people (not System).
	 */
	List<User> findActiveAdministrators() {
		return this.jdbc.sql(SELECT_USER + " and u.administrator = true and u.active = true and u.built_in = false")
			.query(USER_MAPPER)
			.list();
	}

	/**
	 * Locks the rows of the active administrators (other than System) until the
	 * transaction ends and counts them, so that two concurrent demotions cannot both
	 * remove "the other" last administrator.
	 */
	int lockAndCountAdministrators() {
		return this.jdbc
			.sql("select id from users where administrator = true and active = true and built_in = false"
					+ " and delete_date is null order by id for update")
			.query(Long.class)
			.list()
			.size();
	}

	void lock(long id) {
		this.jdbc.sql("select id from users where id = :id for update").param("id", id).query(Long.class).optional();
	}

	static String loginKey(String login) {
		return login.toLowerCase(Locale.ROOT);
	}

	static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static User mapUser(ResultSet rs, int row) throws SQLException {
		return new User(rs.getLong("id"), rs.getString("login"), rs.getString("first_name"), rs.getString("last_name"),
				rs.getString("email"), rs.getString("password_hash"), UserKind.valueOf(rs.getString("kind")),
				rs.getBoolean("active"), rs.getBoolean("administrator"), rs.getBoolean("built_in"),
				rs.getLong("role_id"), rs.getString("role_name"), rs.getString("locale"),
				rs.getInt("credential_version"), instant(rs, "create_date"), instant(rs, "modify_date"),
				instant(rs, "last_login_date"));
	}

}
