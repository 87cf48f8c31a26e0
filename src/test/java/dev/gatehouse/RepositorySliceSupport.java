package dev.gatehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.UserKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of every repository slice ({@code Jdbc*RepositoryTests}): the JDBC slice with
 * the real Flyway migrations, on the database {@link TestDatabase} chooses (H2 in the
 * default surefire run, PostgreSQL in {@code repository-slices-postgresql}). Each test
 * runs in a transaction that is rolled back, so tests never see each other's rows.
 *
 * <p>
 * Subclasses {@code @Import} the repository under test; the fixture rows of other
 * features (users, projects, members, stories, time) are written here with plain SQL, so
 * that a slice needs no other feature's repository. Names are unique anyway, so the
 * slices also run against a long-lived external PostgreSQL.
 */
// A small pool: every slice class has its own cached context, and on PostgreSQL they all
// share one server with a bounded number of connections.
@JdbcTest(properties = { "spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.minimum-idle=1" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
public abstract class RepositorySliceSupport {

	private static final AtomicInteger sequence = new AtomicInteger();

	@Autowired
	protected JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	/**
	 * A name no other test uses, even on a database that outlives the test run; short
	 * enough for a project key.
	 * @param prefix a readable start, at most 8 characters
	 * @return the name
	 */
	protected static String unique(String prefix) {
		return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + sequence.incrementAndGet();
	}

	/**
	 * Inserts an active user of kind {@code User} with the default role
	 * {@code Developer}.
	 * @param login the login
	 * @param administrator whether they administer Gatehouse
	 * @return the user's id
	 */
	protected long user(String login, boolean administrator) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into users (login, login_key, kind, active, administrator, built_in, role_id, create_date,
				                   modify_date)
				values (:login, :loginKey, 'User', true, :administrator, false,
				        (select id from roles where name_key = 'developer'), current_timestamp, current_timestamp)
				""")
			.param("login", login)
			.param("loginKey", login.toLowerCase(Locale.ROOT))
			.param("administrator", administrator)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * Inserts a project.
	 * @param key its key, at most 20 characters
	 * @return its id
	 */
	protected long project(String key) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into projects (project_key, key_lookup, name, create_date, modify_date)
				values (:key, :keyLookup, :name, current_timestamp, current_timestamp)
				""")
			.param("key", key)
			.param("keyLookup", key.toLowerCase(Locale.ROOT))
			.param("name", "Project " + key)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	protected void member(long projectId, long userId) {
		this.jdbc.sql("insert into project_members (project_id, user_id) values (:projectId, :userId)")
			.param("projectId", projectId)
			.param("userId", userId)
			.update();
	}

	/**
	 * Inserts an open user story without owner.
	 * @param projectId its project
	 * @param name its title
	 * @return its id
	 */
	protected long story(long projectId, String name) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into user_stories (project_id, name, description, state, effort, create_date, modify_date)
				values (:projectId, :name, :description, 'Open', 3, current_timestamp, current_timestamp)
				""")
			.param("projectId", projectId)
			.param("name", name)
			.param("description", "About " + name)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * Inserts billable hours on a story.
	 * @param userId who spent them
	 * @param storyId on what
	 * @param date the day
	 * @param hours how many, e.g. {@code "1.5"}
	 * @return the entry's id
	 */
	protected long time(long userId, long storyId, LocalDate date, String hours) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into time_entries (user_id, user_story_id, entry_date, spent, description, billable,
				                          create_date, modify_date)
				values (:userId, :storyId, :date, :spent, 'work', true, current_timestamp, current_timestamp)
				""")
			.param("userId", userId)
			.param("storyId", storyId)
			.param("date", date)
			.param("spent", new BigDecimal(hours))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * A caller as a service sees them after signing in with a password.
	 * @param userId the user
	 * @param login their login
	 * @param administrator whether they administer Gatehouse
	 * @return the caller
	 */
	protected static Caller caller(long userId, String login, boolean administrator) {
		return new Caller(userId, login, UserKind.User, administrator, administrator, true);
	}

}
