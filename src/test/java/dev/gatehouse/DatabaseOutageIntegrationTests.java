package dev.gatehouse;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Supplier;

import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.token.TokenFormat;
import dev.gatehouse.token.TokenKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database goes away and comes back (issue 15): a node of its own on a PostgreSQL of
 * its own, which the test stops for real and starts again. While it is down, what needs
 * the database is answered 503 with {@code Retry-After} in the format asked for, never a
 * 500 or a hang; a credential checked in the last minute still says who the caller is
 * (docs/reliability.md), one never seen or revoked is never accepted; readiness is down,
 * liveness up. Once it is back, the node serves again without a restart and writes the
 * last uses and refusals it counted meanwhile.
 */
class DatabaseOutageIntegrationTests extends IntegrationTestSupport {

	/** Longer than any answer may take: a request still waiting then hangs. */
	private static final Duration HANG = Duration.ofSeconds(10);

	private static OutagePostgres postgres;

	private static TestNode node;

	@Autowired
	private TokenFormat format;

	@BeforeAll
	static void startNodeOnItsOwnDatabase() {
		assumeTrue(TestDatabase.name().equals("postgresql"),
				"The outage is a PostgreSQL server stopped for real; the H2 pass has none to stop");
		postgres = OutagePostgres.start();
		node = TestNode.start(Map.of("spring.datasource.url", postgres.jdbcUrl(), "spring.datasource.username",
				"postgres", "spring.datasource.password", "", "gatehouse.tokens.last-use-flush-interval", "1s",
				"gatehouse.audit.flush-interval", "1s", "logging.level.dev.gatehouse.web.DatabaseOutageFilter",
				"debug"));
	}

	@AfterAll
	static void stopNode() {
		if (node != null) {
			node.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void requestsWhenTheDatabaseIsDownThenServiceUnavailableNothingAcceptedAndEverythingWrittenOnItsReturn() {
		ApiClient admin = node.admin();
		TestUser user = TestUsers.user(admin, "outage");
		ApiClient owner = user.client(node.anonymous());
		String cached = TestProjects.personalToken(owner, "{\"Name\": \"cached\"}");
		String neverSeen = TestProjects.personalToken(owner, "{\"Name\": \"never seen\"}");
		String revoked = TestProjects.personalToken(owner, "{\"Name\": \"revoked\"}");
		ApiClient job = node.anonymous().bearer(cached);
		assertThat(job.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
		ApiClient revokedJob = node.anonymous().bearer(revoked);
		assertThat(revokedJob.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
		long revokedId = owner.json()
			.get("/api/v1/AccessTokens?where=(Name%20eq%20'revoked')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		assertThat(owner.delete("/api/v1/AccessTokens/" + revokedId).status()).isEqualTo(204);
		assertThat(revokedJob.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		String key = TestProjects.project(admin);
		ApiClient browser = node.anonymous();
		assertThat(browser.signIn(user.login(), user.password()).header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		assertThat(browser.get("/").status()).isEqualTo(200);
		ApiClient attacker = node.anonymous();
		int refusals = 7;

		postgres.stop();
		Instant stopped = Instant.now();

		answered(() -> job.get("/api/v1/Users/LoggedUser"), 200, "a credential checked in the last minute");
		ApiResponse json = answered(() -> job.json().get("/api/v1/Projects"), 503, "work data");
		assertThat(json.json().get("Message").asString()).contains("database is unreachable");
		assertThat(json.header("Retry-After")).hasValue("5");
		ApiResponse xml = answered(() -> job.get("/api/v1/Projects"), 503, "work data, in XML");
		assertThat(xml.xpath("/Error/Status")).isEqualTo("ServiceUnavailable");
		answered(() -> node.anonymous().bearer(neverSeen).get("/api/v1/Users/LoggedUser"), 503,
				"a token never seen: not accepted, not refused for good");
		answered(() -> revokedJob.get("/api/v1/Users/LoggedUser"), 401, "a token revoked before the outage");
		for (int i = 0; i < refusals; i++) {
			answered(() -> attacker.bearer(this.format.generate(TokenKind.PERSONAL)).get("/api/v1/Users/LoggedUser"),
					401, "an invented token");
		}
		ApiResponse feed = answered(() -> job.get("/odata/WorkLogs?$format=json"), 503, "the feed");
		assertThat(feed.json().get("error").get("message").asString()).contains("database is unreachable");
		ApiResponse page = answered(() -> browser.get("/"), 503, "a page");
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("Briefly unavailable").doesNotContain("Exception");
		answered(() -> TestProjects.upload(admin, key), 503, "an upload");
		answered(() -> node.anonymous().get("/actuator/health/readiness"), 503, "readiness");
		answered(() -> node.anonymous().get("/actuator/health/liveness"), 200, "liveness");

		postgres.startAgain();

		ApiClient newcomer = node.anonymous().bearer(neverSeen);
		long started = System.nanoTime();
		while (newcomer.get("/api/v1/Users/LoggedUser").status() != 200) {
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("served again without a restart")
				.isLessThan(HANG);
			pause();
		}
		assertThat(node.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(admin.json().get(TestProjects.snapshots(key)).json().get("Items")).as("the refused upload")
			.isEmpty();
		JdbcClient database = JdbcClient.create(postgres.dataSource());
		long tokenId = owner.json()
			.get("/api/v1/AccessTokens?where=(Name%20eq%20'cached')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		eventually(() -> database.sql("select last_used_date from personal_access_tokens where id = ?")
			.param(tokenId)
			.query(OffsetDateTime.class)
			.optional()
			.filter((used) -> !used.toInstant().isBefore(stopped))
			.isPresent(), "the last use counted during the outage is written");
		eventually(() -> database.sql(
				"select coalesce(sum(occurrences), 0) from audit_events where action = 'TOKEN_REFUSED' and address = ?")
			.param(attacker.address())
			.query(Long.class)
			.single() == refusals, "the refusals counted during the outage are written");

		// Another node revokes the token the node still caches: it listens again.
		assertThat(job.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
		database.sql("delete from personal_access_tokens where id = ?").param(tokenId).update();
		database.sql("select pg_notify('gatehouse_changes', ?)")
			.param("TOKEN:" + tokenId + ":another-node")
			.query()
			.listOfRows();
		eventually(() -> job.get("/api/v1/Users/LoggedUser").status() == 401,
				"a revocation on another node heard after the outage");
	}

	/**
	 * Sends a request that must be answered, with this status, before it counts as hung.
	 */
	private static ApiResponse answered(Supplier<ApiResponse> request, int status, String what) {
		ApiResponse response = assertTimeoutPreemptively(HANG, request::get, what + " hung");
		assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
		return response;
	}

	private static void eventually(Supplier<Boolean> condition, String what) {
		long started = System.nanoTime();
		while (!condition.get()) {
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as(what).isLessThan(HANG);
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
