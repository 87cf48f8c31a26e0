package dev.gatehouse.query;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.system.InvalidRequestException;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code where} language becomes SQL inside the caller's view: whatever the text, it
 * is refused with a 400 ({@link InvalidRequestException}) or it becomes a condition the
 * database runs as it is, appended as the services append it ({@code view and (...)}),
 * that never returns a row outside the view. Run against an in-memory H2 table whose rows
 * belong to two owners; the caller's view is owner 1.
 */
class WhereClauseFuzzTests {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "t.id", FieldType.INTEGER)
		.field("Name", "t.name", FieldType.TEXT)
		.field("Effort", "t.effort", FieldType.DECIMAL)
		.field("IsActive", "t.active", FieldType.BOOLEAN)
		.field("CreateDate", "t.created", FieldType.INSTANT)
		.field("Date", "t.work_day", FieldType.DATE)
		.field("Project.Id", "t.project_id", FieldType.INTEGER);

	private static final NamedParameterJdbcTemplate DATABASE = database();

	@FuzzTest(maxDuration = "5m")
	void whereWhenAnyTextThenRefusedOrRunInsideTheView(byte[] input) {
		String where = new String(input, StandardCharsets.UTF_8);
		Map<String, Object> parameters = new HashMap<>();
		String condition;
		try {
			condition = WhereClause.toSql(where, FIELDS, parameters);
		}
		catch (InvalidRequestException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		parameters.put("owner", 1);

		List<Integer> owners = DATABASE.queryForList(
				"select t.owner from items t where t.owner = :owner and (" + condition + ")", parameters,
				Integer.class);

		assertThat(owners).as(where).allMatch((owner) -> owner == 1);
	}

	private static NamedParameterJdbcTemplate database() {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:h2:mem:where-fuzz;DB_CLOSE_DELAY=-1", "sa", "", true);
		NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
		jdbc.getJdbcTemplate()
			.execute("create table if not exists items (id bigint primary key, owner integer not null,"
					+ " name varchar(200), effort numeric(10, 2), active boolean, created timestamp with time zone,"
					+ " work_day date, project_id bigint)");
		jdbc.getJdbcTemplate().execute("delete from items");
		jdbc.getJdbcTemplate()
			.execute("insert into items values"
					+ " (1, 1, 'Checkout', 3.5, true, timestamp with time zone '2026-11-01 10:00:00+00', date '2026-11-01', 7),"
					+ " (2, 1, 'Search 50% off', 0, false, timestamp with time zone '2026-11-02 10:00:00+00', date '2026-11-02', 7),"
					+ " (3, 1, null, null, null, null, null, null),"
					+ " (4, 2, 'Secret merger', 8, true, timestamp with time zone '2026-11-01 10:00:00+00', date '2026-11-01', 8),"
					+ " (5, 2, 'Checkout', 3.5, false, timestamp with time zone '2026-11-03 10:00:00+00', date '2026-11-03', 7),"
					+ " (6, 2, null, null, null, null, null, null)");
		return jdbc;
	}

}
