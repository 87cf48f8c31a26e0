package dev.gatehouse;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of every integration test: the whole server on a random port, over a real
 * database (H2 or PostgreSQL, see {@link TestDatabase}), driven by HTTP. One application
 * context serves all test classes.
 *
 * <p>
 * Each {@link ApiClient} claims its own client address through {@code X-Forwarded-For}
 * (trusted from loopback in tests only), so the failed-login limits of one test never
 * touch another. Tests create what they need under unique names instead of relying on a
 * clean database, so the same suite also runs against a long-lived external PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gatehouse.admin-password=" + IntegrationTestSupport.ADMIN_PASSWORD,
				"server.forward-headers-strategy=native", "gatehouse.login-attempts.per-address=8",
				"gatehouse.login-attempts.per-login=" + IntegrationTestSupport.PER_LOGIN_LIMIT,
				"gatehouse.tokens.last-use-flush-interval=1s", "spring.threads.virtual.enabled=false",
				// A loaded 2-core CI machine may keep a connection busy longer than the
				// 3 s a request waits in production before its 503.
				"spring.datasource.hikari.connection-timeout=10000",
				"gatehouse.snapshots.spool-directory=" + IntegrationTestSupport.SPOOL_DIRECTORY,
				"gatehouse.reporting.page-size=" + IntegrationTestSupport.REPORTING_PAGE_SIZE,
				// The test OpenID provider runs on this machine, over plain http.
				"gatehouse.oidc.allow-local-issuers=true",
				// So does the tests' webhook receiver; and the digest goes out when a
				// test asks, never at 07:00 in the middle of a run; timers stop when a
				// test runs the job.
				"gatehouse.webhooks.allow-local-addresses=true", "gatehouse.digest.cron=-",
				"gatehouse.timers.check-interval=P1D" })
@Import({ TestClockConfiguration.class, StatementRecorder.Configuration.class })
public abstract class IntegrationTestSupport {

	protected static final String ADMIN_PASSWORD = "admin-password-for-tests";

	/** Failed password attempts the test server allows per login. */
	protected static final int PER_LOGIN_LIMIT = 5;

	/** A small page, so that tests see the Reporting API's paging links. */
	protected static final int REPORTING_PAGE_SIZE = 5;

	/**
	 * Where the test server spools snapshot uploads, so tests can see it left nothing.
	 */
	protected static final String SPOOL_DIRECTORY = "target/test-snapshot-spool";

	private static final AtomicInteger sequence = new AtomicInteger();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		TestMailServer.register(registry);
	}

	/**
	 * A client with no credentials yet.
	 * @return the client
	 */
	protected ApiClient anonymous() {
		return new ApiClient(this.port);
	}

	/**
	 * A client that sends the administrator's Basic credentials.
	 * @return the client
	 */
	protected ApiClient admin() {
		return anonymous().basic("admin", ADMIN_PASSWORD);
	}

	/**
	 * A browser signed in through the login form.
	 * @param login the login
	 * @param password the password
	 * @return the browser, holding the session cookie
	 */
	protected ApiClient signIn(String login, String password) {
		ApiClient browser = anonymous();
		ApiResponse answer = browser.signIn(login, password);
		assertThat(answer.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return browser;
	}

	protected ApiClient signIn(TestUsers.TestUser user) {
		return signIn(user.login(), user.password());
	}

	/**
	 * The CSRF token of a page, as a browser's form would send it.
	 * @param browser the browser
	 * @param page the page's path
	 * @return the token
	 */
	protected static String csrf(ApiClient browser, String page) {
		return ApiClient.csrfToken(browser.get(page));
	}

	/**
	 * A name no other test uses, even on a database that outlives the test run.
	 * @param prefix a readable start
	 * @return the name
	 */
	protected static String unique(String prefix) {
		return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + sequence.incrementAndGet();
	}

}
