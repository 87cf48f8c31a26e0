package dev.gatehouse;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.timetracking.TimerStops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two server nodes on one PostgreSQL behave as one (SPEC §4.9, §9.1): a session opened on
 * one is valid on the other, and a revocation on one is refused by the other on its next
 * request, although each node caches tokens and users in memory. The second node is a
 * full Gatehouse started beside the test's own. H2 serves a single node, so this runs in
 * the PostgreSQL pass.
 */
class TwoNodeIntegrationTests extends IntegrationTestSupport {

	/** How long a change may take to reach the other node before the test fails. */
	private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(1);

	private static ConfigurableApplicationContext secondNode;

	private static int secondPort;

	@Autowired
	private Environment environment;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void startSecondNode() {
		assumeTrue(TestDatabase.name().equals("postgresql"),
				"Several nodes need a shared PostgreSQL; the H2 pass runs a single node");
		if (secondNode == null) {
			List<String> arguments = new ArrayList<>();
			arguments.add("--server.port=0");
			arguments.add("--spring.threads.virtual.enabled=false");
			for (String name : new String[] { "spring.datasource.url", "spring.datasource.username",
					"spring.datasource.password", "gatehouse.admin-password", "server.forward-headers-strategy",
					"gatehouse.login-attempts.per-address", "gatehouse.login-attempts.per-login",
					"gatehouse.digest.cron", "gatehouse.timers.check-interval" }) {
				arguments.add("--" + name + "=" + this.environment.getProperty(name, ""));
			}
			secondNode = new SpringApplicationBuilder(GatehouseApplication.class).run(arguments.toArray(String[]::new));
			secondPort = Integer.parseInt(secondNode.getEnvironment().getProperty("local.server.port"));
		}
	}

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
			secondNode = null;
		}
	}

	@Test
	void expiryDigestWhenAskedOnBothNodesAtOnceThenSentOnce() throws Exception {
		ExecutorService both = Executors.newFixedThreadPool(2);
		try {
			Future<ApiResponse> first = both
				.submit(() -> admin().json().method("POST", "/api/v1/Settings/ExpiryDigest"));
			Future<ApiResponse> second = both
				.submit(() -> admin().onPort(secondPort).json().method("POST", "/api/v1/Settings/ExpiryDigest"));

			List<Boolean> sent = List.of(first.get().json().get("Sent").asBoolean(),
					second.get().json().get("Sent").asBoolean());

			assertThat(sent).containsExactlyInAnyOrder(true, false);
			assertThat(admin().onPort(secondPort)
				.json()
				.method("POST", "/api/v1/Settings/ExpiryDigest")
				.json()
				.get("Sent")
				.asBoolean()).as("nor later that day").isFalse();
		}
		finally {
			both.shutdown();
		}
	}

	@Test
	void timerWhenPastItsLimitThenStoppedOnceByOneOfTwoNodesAndTheUserTold() throws Exception {
		String key = TestProjects.project(admin());
		long story = TestProjects.story(admin(), key, "Night shift");
		TestUser user = TestUsers.user(admin(), "nodetimer");
		TestProjects.member(admin(), key, user.id());
		TestServiceAccounts.set(admin(), anonymous(), LocalDate.now(ZoneOffset.UTC));
		ExecutorService both = Executors.newFixedThreadPool(2);
		try {
			// Started eleven hours ago (on this node's clock), where it was then 01:00,
			// so
			// that its limit comes before midnight.
			this.clock.advance(Duration.ofHours(-11));
			int secondsOfDay = this.clock.instant().atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
			int offset = Math.floorMod(3600 - secondsOfDay, 86400);
			String zone = ZoneOffset.ofTotalSeconds(((offset > 43200) ? offset - 86400 : offset) / 60 * 60).getId();
			ApiResponse started = user.client(anonymous())
				.json()
				.postJson("/api/v1/Timers", "{\"UserStory\": {\"Id\": " + story + "}, \"TimeZone\": \"" + zone + "\"}");
			this.clock.reset();
			assertThat(started.status()).as(started.body()).isEqualTo(201);
			TimerStops here = this.context.getBean(TimerStops.class);
			TimerStops there = secondNode.getBean(TimerStops.class);

			Future<?> first = both.submit(here::run);
			Future<?> second = both.submit(there::run);
			first.get();
			second.get();

			ApiClient onSecond = user.client(anonymous().onPort(secondPort)).json();
			assertThat(onSecond.get("/api/v1/Timers").json().get("Items")).isEmpty();
			JsonNode entries = onSecond.get("/api/v1/Times").json().get("Items");
			assertThat(entries).hasSize(1);
			assertThat(entries.get(0).get("Spent").decimalValue()).isEqualByComparingTo("10");
			JsonNode notices = onSecond.get("/api/v1/Notices").json().get("Items");
			assertThat(notices).hasSize(1);
			assertThat(notices.get(0).get("Text").asString()).contains("stopped itself after 10 hours");
		}
		finally {
			this.clock.reset();
			both.shutdown();
			admin().delete("/api/v1/ServiceAccount");
		}
	}

	@Test
	void tokenWhenDeletedOnOneNodeThenRefusedByTheOther() {
		TestUser user = TestUsers.user(admin(), "nodes");
		ApiClient owner = user.client(anonymous()).json();
		ApiResponse created = owner.postJson("/api/v1/AccessTokens", "{\"Name\": \"two nodes\"}");
		ApiClient onSecond = anonymous().onPort(secondPort)
			.header("Authorization", "Bearer " + created.json().get("Token").asString());
		assertThat(onSecond.get("/api/v1/Users/LoggedUser").status()).as("known, hence cached, on node 2")
			.isEqualTo(200);

		assertThat(owner.delete("/api/v1/AccessTokens/" + created.json().get("Id").asLong()).status()).isEqualTo(204);

		assertRefusedWithinLimit(() -> onSecond.get("/api/v1/Users/LoggedUser").status());
	}

	@Test
	void ownerWhenDeactivatedOnOneNodeThenTokenRefusedByTheOther() {
		TestUser user = TestUsers.user(admin(), "nodeuser");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"n\"}");
		ApiClient onSecond = anonymous().onPort(secondPort).header("Authorization", "Bearer " + token);
		assertThat(onSecond.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false}");

		assertRefusedWithinLimit(() -> onSecond.get("/api/v1/Users/LoggedUser").status());
	}

	@Test
	void permissionWhenRemovedOnOneNodeThenTokenRefusedByTheOther() {
		long roleId = TestUsers.role(admin(), "Node", "ACCESS_TOKENS");
		TestUser user = TestUsers.withRole(admin(), "noderole", roleId);
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"n\"}");
		ApiClient onSecond = anonymous().onPort(secondPort).header("Authorization", "Bearer " + token);
		assertThat(onSecond.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		admin().postJson("/api/v1/Roles/" + roleId, "{\"Permissions\": []}");

		assertRefusedWithinLimit(() -> onSecond.get("/api/v1/Users/LoggedUser").status());
	}

	@Test
	void sessionWhenSignedInOnOneNodeThenAcceptedByTheOther() {
		TestUser user = TestUsers.user(admin(), "nodesession");
		ApiClient browser = anonymous();
		browser.signIn(user.login(), user.password());

		ApiResponse onSecond = browser.onPort(secondPort).get("/api/v1/Users/LoggedUser");

		assertThat(onSecond.status()).isEqualTo(200);
		assertThat(onSecond.xpath("/User/Login")).isEqualTo(user.login());
	}

	@Test
	void loginFormWhenDisabledOnOneNodeThenBasicRefusedByTheOther() {
		TestUser user = TestUsers.user(admin(), "nodesso");
		ApiClient onSecond = user.client(anonymous()).onPort(secondPort);
		assertThat(onSecond.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
		String serviceToken = admin().get("/api/v1/Authentication").xpath("/Authentication/@Token");
		try {
			admin().postJson("/api/v1/Settings", "{\"LoginFormEnabled\": false}");

			assertRefusedWithinLimit(() -> onSecond.get("/api/v1/Users/LoggedUser").status());
		}
		finally {
			anonymous().postJson("/api/v1/Settings?token=" + serviceToken, "{\"LoginFormEnabled\": true}");
		}
	}

	@Test
	void failedPasswordsWhenSpreadOverTwoNodesThenOneLimitAndTheBlockHeardByBoth() {
		TestUser user = TestUsers.user(admin(), "nodeguess");
		ApiClient remembered = user.client(anonymous());
		assertThat(remembered.get("/api/v1/Users/LoggedUser").status()).as("right password remembered on node 1")
			.isEqualTo(200);

		for (int guess = 0; guess < PER_LOGIN_LIMIT; guess++) {
			// Each guess from its own address: only the login's limit applies.
			ApiClient guesser = (guess % 2 == 0) ? anonymous() : anonymous().onPort(secondPort);
			assertThat(guesser.basic(user.login(), "wrong-" + guess).get("/api/v1/Users/LoggedUser").status())
				.as("guess %d", guess)
				.isEqualTo(401);
		}
		// The last guess was on node 1; node 2 learns of the empty bucket from the
		// database.
		ApiResponse refused = anonymous().onPort(secondPort)
			.basic(user.login(), "wrong-again")
			.get("/api/v1/Users/LoggedUser");

		assertThat(refused.status()).as("one more guess than the limit, whichever node").isEqualTo(429);
		assertThat(refused.header("Retry-After")).isPresent();
		assertRefusedWithinLimit(() -> remembered.get("/api/v1/Users/LoggedUser").status(), 429);
	}

	/**
	 * The change reaches the other node by a PostgreSQL notification, so it is not
	 * synchronous with the answer to the change; it must arrive well within a second.
	 */
	private static void assertRefusedWithinLimit(Supplier<Integer> status) {
		assertRefusedWithinLimit(status, 401);
	}

	private static void assertRefusedWithinLimit(Supplier<Integer> status, int refusal) {
		long start = System.nanoTime();
		int stillAccepted = 0;
		int answer = status.get();
		while (answer == 200 && System.nanoTime() - start < PROPAGATION_LIMIT.toNanos()) {
			stillAccepted++;
			answer = status.get();
		}
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		System.out.println("Change reached the second node after " + millis + " ms; requests still accepted meanwhile: "
				+ stillAccepted);
		assertThat(answer).as("refused by the other node within " + PROPAGATION_LIMIT).isEqualTo(refusal);
	}

}
