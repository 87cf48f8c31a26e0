package dev.gatehouse.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.reporting.ReportingView.Reach;
import org.apache.olingo.commons.api.http.HttpMethod;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataHandler;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed turns {@code $filter}, {@code $orderby} and {@code $apply} into SQL. Whatever
 * they say, the answer is 200 or a 4xx, never a 5xx, and never shows data outside the
 * caller's view: the caller belongs to project A only; project B's titles and
 * descriptions carry the marker {@code SECRETB} and its numbers are all 700 or more (800
 * time entries of 24 hours, a budget of 9999 hours, efforts of 999), while every number
 * of A is below 700. Through the service account every row counts, but B's titles stay
 * masked. Runs Olingo and the processor in-process on an in-memory H2 database migrated
 * by Flyway, as the server does.
 *
 * <p>
 * Each input is three lines: the entity set, the view ({@code own} or {@code service}),
 * then query options, one per line after that, as {@code $filter=…} with the value not
 * yet encoded.
 */
class ReportingFeedFuzzTests {

	private static final String MARKER = "SECRETB";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SingleConnectionDataSource DATA_SOURCE = new SingleConnectionDataSource(
			"jdbc:h2:mem:feed-fuzz;DB_CLOSE_DELAY=-1", "sa", "", true);

	private static final JdbcClient DATABASE = database();

	private static final JdbcReportingRepository REPORTING = new JdbcReportingRepository(DATABASE, DATA_SOURCE,
			new DataSourceTransactionManager(DATA_SOURCE));

	private static final long CALLER = DATABASE.sql("select id from users where login = 'fuzzcaller'")
		.query(Long.class)
		.single();

	@Test
	void harnessWhenQueryIsValidThenAnsweredWithOwnRowsOnly() throws IOException {
		ReportingView view = new ReportingView(new Caller(CALLER, "fuzzcaller", UserKind.User, false, false, false),
				Reach.OWN_PROJECTS, false);

		ODataResponse response = handler(view).process(request("WorkLogs", "%24filter=Hours%20gt%201&%24count=true"));

		assertThat(response.getStatusCode()).isEqualTo(200);
		assertThat(read(response.getContent())).contains("\"@odata.count\":1").contains("own work");
	}

	@FuzzTest(maxDuration = "10m")
	@DictionaryEntries({ "$filter=", "$orderby=", "$apply=", "$select=", "$top=", "$skip=", "$count=true",
			"$skiptoken=", " eq ", " ne ", " gt ", " le ", " and ", " or ", " not ", " desc", " asc", "contains(",
			"startswith(", "tolower(", "groupby((", "),aggregate(", "aggregate(", " with sum as ", " with max as ",
			" with countdistinct as ", "filter(", ")/", "Hours", "ProjectKey", "ProjectId", "WorkItemName", "Name",
			"Description", "UserLogin", "Date", "Tracked", "Effort", "State", "'A'", "'B'", "2026-11-01", "null",
			"WorkLogs", "WorkItems", "Budgets", "own", "service" })
	void feedWhenAnyQueryOptionsThenAnAnswerInsideTheCallersView(byte[] input) throws IOException {
		String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
		String entitySet = List.of("WorkLogs", "WorkItems", "Budgets")
			.stream()
			.filter((name) -> lines[0].trim().equalsIgnoreCase(name))
			.findFirst()
			.orElse("WorkLogs");
		boolean own = lines.length < 2 || !lines[1].trim().equals("service");
		StringBuilder query = new StringBuilder();
		for (int i = 2; i < lines.length; i++) {
			int equals = lines[i].indexOf('=');
			if (equals > 0) {
				query.append((query.length() > 0) ? "&" : "")
					.append(URLEncoder.encode(lines[i].substring(0, equals), StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(lines[i].substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		Caller caller = new Caller(CALLER, "fuzzcaller", UserKind.User, false, false, false);
		ReportingView view = new ReportingView(caller, own ? Reach.OWN_PROJECTS : Reach.THROUGH_SERVICE_ACCOUNT, false);

		ODataResponse response = handler(view).process(request(entitySet, query.toString()));

		int status = response.getStatusCode();
		String body = read(response.getContent());
		assertThat(status).as("%s?%s: %s", entitySet, query, body).isLessThan(500);
		assertThat(body).as("no internals in %s?%s", entitySet, query)
			.doesNotContain("java.")
			.doesNotContain("Cannot invoke");
		if (status == 200) {
			assertThat(body).as("%s?%s", entitySet, query).doesNotContain(MARKER);
			if (own) {
				assertInsideOwnProjects(JSON.readTree(body), entitySet + "?" + query);
			}
		}
	}

	private static void assertInsideOwnProjects(JsonNode node, String query) {
		if (node.isNumber()) {
			assertThat(node.decimalValue()).as("a number of project B in %s", query)
				.isLessThan(new java.math.BigDecimal(700));
		}
		node.forEach((child) -> assertInsideOwnProjects(child, query));
	}

	private static ODataHandler handler(ReportingView view) {
		// Everything new for each request, as the servlet makes it, so that no input's
		// state reaches the next.
		OData odata = OData.newInstance();
		ServiceMetadata metadata = odata.createServiceMetadata(new ReportingEdmProvider(), List.of());
		ODataHandler handler = odata.createRawHandler(metadata);
		ReportingServlet.register(handler,
				new ReportingCollectionProcessor(REPORTING, (reading) -> view, 5, 10_000, () -> new byte[32]));
		return handler;
	}

	private static ODataRequest request(String entitySet, String query) {
		ODataRequest request = new ODataRequest();
		request.setMethod(HttpMethod.GET);
		request.setProtocol("HTTP/1.1");
		request.setRawBaseUri("http://localhost/odata");
		request.setRawServiceResolutionUri("");
		request.setRawODataPath("/" + entitySet);
		request.setRawQueryPath(query);
		request.setRawRequestUri("http://localhost/odata/" + entitySet + (query.isEmpty() ? "" : "?" + query));
		request.addHeader("Accept", List.of("application/json"));
		return request;
	}

	private static String read(InputStream content) throws IOException {
		return (content != null) ? new String(content.readAllBytes(), StandardCharsets.UTF_8) : "";
	}

	/**
	 * Migrates an in-memory H2 database and fills it: the caller, a member of A; B, with
	 * everything marked and large.
	 */
	private static JdbcClient database() {
		SingleConnectionDataSource dataSource = DATA_SOURCE;
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		if (jdbc.sql("select count(*) from users where login = 'fuzzcaller'").query(Long.class).single() > 0) {
			return jdbc;
		}
		String now = "current_timestamp";
		jdbc.sql("insert into users (login, login_key, kind, active, administrator, built_in, role_id, create_date,"
				+ " modify_date) select login, login, 'User', true, false, false, (select min(id) from roles), " + now
				+ ", " + now + " from (values ('fuzzcaller'), ('colleague')) as v(login)")
			.update();
		jdbc.sql("insert into projects (project_key, key_lookup, name, create_date, modify_date) values"
				+ " ('A', 'a', 'Apollo', " + now + ", " + now + "), ('B', 'b', 'SECRETB project', " + now + ", " + now
				+ ")")
			.update();
		jdbc.sql("insert into project_members (project_id, user_id) select p.id, u.id from projects p, users u"
				+ " where p.project_key = 'A' and u.login = 'fuzzcaller'")
			.update();
		jdbc.sql("insert into user_stories (project_id, name, description, state, effort, create_date, modify_date)"
				+ " select id, 'Checkout', 'card payments', 'Open', 3, " + now + ", " + now
				+ " from projects where project_key = 'A'")
			.update();
		jdbc.sql("insert into user_stories (project_id, name, description, state, effort, create_date, modify_date)"
				+ " select id, 'SECRETB merger', 'SECRETB terms', 'SECRETB state', 999, " + now + ", " + now
				+ " from projects where project_key = 'B'")
			.update();
		jdbc.sql("insert into time_entries (user_id, user_story_id, entry_date, spent, description, billable,"
				+ " create_date, modify_date) select u.id, s.id, date '2026-11-02', 1.5, 'own work', true, " + now
				+ ", " + now + " from users u, user_stories s where u.login = 'fuzzcaller' and s.name = 'Checkout'")
			.update();
		jdbc.sql("insert into time_entries (user_id, user_story_id, entry_date, spent, description, billable,"
				+ " create_date, modify_date) select u.id, s.id, date '2026-11-03', 24, 'SECRETB notes', false, " + now
				+ ", " + now + " from users u, user_stories s, system_range(1, 800) r"
				+ " where u.login = 'colleague' and s.name = 'SECRETB merger'")
			.update();
		jdbc.sql("insert into budgets (project_id, user_story_id, scope_key, hours, create_date, modify_date)"
				+ " select id, null, 0, case when project_key = 'A' then 40 else 9999 end, " + now + ", " + now
				+ " from projects")
			.update();
		return jdbc;
	}

}
