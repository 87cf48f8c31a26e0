package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestServiceAccounts;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side timers (issue 17): started and stopped from any device through
 * {@code /api/v1/Times} and the Times page, one per user, stopped by the server as the
 * service account at the limit (10 hours), at midnight in their time zone, or when the
 * user can no longer reach the story; refused without a working service account.
 */
class TimerIntegrationTests extends IntegrationTestSupport {

	@Autowired
	TimerStops stops;

	private String key;

	private long story;

	private TestUser member;

	@BeforeEach
	void memberOfAProjectAndAServiceAccount() {
		this.key = TestProjects.project(admin());
		this.story = TestProjects.story(admin(), this.key, "Invoices");
		this.member = TestUsers.user(admin(), "timing");
		TestProjects.member(admin(), this.key, this.member.id());
		useServiceAccount();
	}

	@AfterEach
	void backToNow() {
		this.clock.reset();
		admin().delete("/api/v1/ServiceAccount");
	}

	@Test
	void timerWhenStartedThroughTheApiThenStoppedFromAnotherDeviceLogsOneEntry() {
		ApiResponse started = start(client(this.member), "\"Description\": \"Invoices\", \"Billable\": true");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		long id = started.json().get("Id").asLong();
		assertThat(started.json().get("StoppedTime")).isNull();
		// The browser is closed; an hour and a half later, the phone (a token) stops it.
		this.clock.advance(Duration.ofMinutes(90));
		ApiClient phone = anonymous().json()
			.bearer(TestProjects.personalToken(client(this.member),
					"{\"Name\": \"phone\", \"Scopes\": [\"time:read\", \"time:write\"]}"));
		JsonNode running = phone.get("/api/v1/Timers").json().get("Items");
		assertThat(running).hasSize(1);
		assertThat(running.get(0).get("Id").asLong()).isEqualTo(id);
		assertThat(running.get(0).get("Elapsed").decimalValue()).isEqualByComparingTo("1.5");

		ApiResponse stopped = phone.method("POST", "/api/v1/Timers/" + id + "/stop");

		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		assertThat(stopped.json().get("Spent").decimalValue()).isEqualByComparingTo("1.5");
		assertThat(stopped.json().get("Description").asString()).isEqualTo("Invoices");
		assertThat(stopped.json().get("Billable").asBoolean()).isTrue();
		assertThat(phone.method("POST", "/api/v1/Timers/" + id + "/stop").status()).as("stopped once").isEqualTo(404);
		assertThat(phone.get("/api/v1/Timers").json().get("Items")).isEmpty();
		assertThat(phone.get("/api/v1/Times").json().get("Items")).hasSize(1);
	}

	@Test
	void startWhenAnotherTimerRunsThenTheFirstIsStoppedLoggedAndSaidSo() {
		long first = start(client(this.member), "").json().get("Id").asLong();
		this.clock.advance(Duration.ofMinutes(30));
		long otherStory = TestProjects.story(admin(), this.key, "Reminders");

		ApiResponse second = client(this.member).postJson("/api/v1/Timers",
				"{\"UserStory\": {\"Id\": " + otherStory + "}}");

		assertThat(second.status()).as(second.body()).isEqualTo(201);
		assertThat(second.json().get("Id").asLong()).isNotEqualTo(first);
		assertThat(second.json().get("StoppedTime").get("Spent").decimalValue()).isEqualByComparingTo("0.5");
		assertThat(second.json().get("StoppedTime").get("UserStory").get("Id").asLong()).isEqualTo(this.story);
		assertThat(client(this.member).get("/api/v1/Timers").json().get("Items")).hasSize(1);
	}

	@Test
	void discardWhenAskedThenNothingIsLogged() {
		long id = start(client(this.member), "").json().get("Id").asLong();

		assertThat(client(this.member).delete("/api/v1/Timers/" + id).status()).isEqualTo(204);

		assertThat(client(this.member).get("/api/v1/Timers").json().get("Items")).isEmpty();
		assertThat(client(this.member).get("/api/v1/Times").json().get("Items")).isEmpty();
	}

	@Test
	void timerWhenSomeoneElsesThenNotFoundAndBadInputRefusedWithNothingStarted() {
		long id = start(client(this.member), "").json().get("Id").asLong();
		TestUser colleague = TestUsers.user(admin(), "colleague");
		TestProjects.member(admin(), this.key, colleague.id());

		assertThat(client(colleague).method("POST", "/api/v1/Timers/" + id + "/stop").status()).isEqualTo(404);
		assertThat(client(colleague).delete("/api/v1/Timers/" + id).status()).isEqualTo(404);
		assertThat(client(colleague).get("/api/v1/Timers/" + id).status()).isEqualTo(404);
		assertThat(client(colleague).postJson("/api/v1/Timers", "{}").status()).isEqualTo(400);
		assertThat(client(colleague).postJson("/api/v1/Timers", "{\"UserStory\": {\"Id\": 999999999}}").status())
			.isEqualTo(400);
		ApiResponse badZone = client(colleague).postJson("/api/v1/Timers",
				"{\"UserStory\": {\"Id\": " + this.story + "}, \"TimeZone\": \"Mars/Olympus\"}");
		assertThat(badZone.status()).isEqualTo(400);
		assertThat(badZone.body()).contains("TimeZone").doesNotContain("Exception");
		assertThat(client(colleague).get("/api/v1/Timers").json().get("Items")).isEmpty();
		assertThat(client(this.member).get("/api/v1/Timers/" + id).status()).isEqualTo(200);
	}

	@Test
	void startWhenNoWorkingServiceAccountThenRefusedSayingWhatAnAdministratorMustDo() {
		admin().delete("/api/v1/ServiceAccount");

		ApiResponse refused = start(client(this.member), "");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("Message").asString()).contains("No service account is configured")
			.contains("Settings → Reporting and API → Service account");
		assertThat(client(this.member).get("/api/v1/Timers").json().get("Items")).isEmpty();
	}

	@Test
	void startWhenTheServiceAccountsTokenCannotLogTimeThenRefusedSayingSo() {
		useServiceAccount(TestServiceAccounts.REQUIRED_SCOPES);

		ApiResponse refused = start(client(this.member), "");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("Message").asString()).contains("lacks time:write");
		ApiClient administrator = signIn("admin", ADMIN_PASSWORD);
		assertThat(administrator.get("/").body()).as("administrators are told")
			.contains("id=\"timers-refused\"")
			.contains("lacks time:write");
		assertThat(administrator.get("/settings/reporting-and-api").body()).contains("id=\"timers-refused\"");
		assertThat(signIn(this.member).get("/").body()).doesNotContain("timers-refused");
	}

	@Test
	void runningTimerWhenTheServiceAccountGoesThenKeepsRunningAndLogsAtMostTheLimit() {
		long id = start(client(this.member), "\"TimeZone\": \"" + zoneWhereNowIs(1) + "\"").json().get("Id").asLong();
		admin().delete("/api/v1/ServiceAccount");
		this.clock.advance(Duration.ofHours(12));

		this.stops.run();

		assertThat(client(this.member).get("/api/v1/Timers/" + id).status()).as("nobody stops it").isEqualTo(200);
		ApiResponse stopped = client(this.member).method("POST", "/api/v1/Timers/" + id + "/stop");
		assertThat(stopped.json().get("Spent").decimalValue()).isEqualByComparingTo("10");
	}

	@Test
	void timerWhenPastTheLimitThenStoppedByTheServiceAccountLoggedAndTold() {
		long id = start(client(this.member), "\"TimeZone\": \"" + zoneWhereNowIs(1) + "\"").json().get("Id").asLong();
		LocalDate day = today();
		this.clock.advance(Duration.ofHours(10).plusMinutes(5));

		this.stops.run();
		this.stops.run();

		assertThat(client(this.member).get("/api/v1/Timers/" + id).status()).isEqualTo(404);
		JsonNode entries = client(this.member).get("/api/v1/Times").json().get("Items");
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).get("Spent").decimalValue()).isEqualByComparingTo("10");
		JsonNode notices = client(this.member).get("/api/v1/Notices").json().get("Items");
		assertThat(notices).hasSize(1);
		assertThat(notices.get(0).get("Text").asString()).contains("stopped itself after 10 hours")
			.contains("10.00 hours were logged on " + entries.get(0).get("Date").asString());
		assertThat(entries.get(0).get("Date").asString()).isIn(day.toString(), day.plusDays(1).toString(),
				day.minusDays(1).toString());
		ApiClient browser = signIn(this.member);
		assertThat(browser.get("/").body()).as("told on the next visit").contains("stopped itself after 10 hours");
		ApiResponse page = browser.get("/times");
		assertThat(page.body()).contains("timer-stopped-by-server").contains("stopped itself after 10 hours");
		browser.submitForm("/times/timer/dismiss", ApiClient.csrfToken(page), Map.of());
		assertThat(browser.get("/").body()).doesNotContain("timer-stopped-by-server");
	}

	@Test
	void timerWhenMidnightComesInItsTimeZoneThenStoppedThereWithTheDaysHours() {
		String zone = zoneWhereNowIs(23);
		start(client(this.member), "\"TimeZone\": \"" + zone + "\"");
		LocalDate startDay = Instant.now(this.clock).atZone(ZoneOffset.of(zone)).toLocalDate();
		this.clock.advance(Duration.ofHours(3));

		this.stops.run();

		JsonNode entries = client(this.member).get("/api/v1/Times").json().get("Items");
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).get("Spent").decimalValue()).isBetween(new BigDecimal("0.98"),
				new BigDecimal("1.02"));
		assertThat(entries.get(0).get("Date").asString()).isEqualTo(startDay.toString());
		assertThat(client(this.member).get("/api/v1/Notices").json().get("Items").get(0).get("Text").asString())
			.contains("stopped itself at midnight");
	}

	@Test
	void timerWhenTheUserLeavesTheProjectThenDroppedWithoutLoggingAndTold() {
		start(client(this.member), "");
		this.clock.advance(Duration.ofMinutes(45));
		assertThat(admin().delete("/api/v1/Projects/" + this.key + "/Members/" + this.member.id()).status())
			.isEqualTo(204);

		this.stops.run();

		assertThat(client(this.member).get("/api/v1/Timers").json().get("Items")).isEmpty();
		assertThat(client(this.member).get("/api/v1/Times").json().get("Items")).isEmpty();
		assertThat(client(this.member).get("/api/v1/Notices").json().get("Items").get(0).get("Text").asString())
			.contains("can no longer reach")
			.contains("0.75 hours were not logged");
	}

	@Test
	void timerWhenTheUserIsDeactivatedThenStoppedAndLogged() {
		start(client(this.member), "");
		this.clock.advance(Duration.ofMinutes(30));
		admin().postJson("/api/v1/Users/" + this.member.id(), "{\"IsActive\": false}");

		this.stops.run();

		JsonNode entries = admin().json()
			.get("/api/v1/Times?where=(User.Id%20eq%20" + this.member.id() + ")")
			.json()
			.get("Items");
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).get("Spent").decimalValue()).isEqualByComparingTo("0.5");
	}

	@Test
	void timesPageWhenATimerRunsThenShowsItAndStopsIt() {
		ApiClient browser = signIn(this.member);
		String csrf = csrf(browser, "/times");
		ApiResponse started = browser.submitForm("/times/timer", csrf, Map.of("userStoryId", String.valueOf(this.story),
				"description", "From the page", "timeZone", "Europe/Paris"));
		assertThat(started.status()).isEqualTo(302);
		this.clock.advance(Duration.ofMinutes(75));

		String page = browser.get("/times").body();

		assertThat(page).contains("id=\"running-timer\"").contains("1:15:0").contains("Europe/Paris");
		long id = client(this.member).get("/api/v1/Timers").json().get("Items").get(0).get("Id").asLong();
		assertThat(browser.submitForm("/times/timer/" + id + "/stop", csrf(browser, "/times"), Map.of()).status())
			.isEqualTo(302);
		assertThat(browser.get("/times").body()).contains("Timer stopped: logged 1.25 hours");
	}

	private ApiResponse start(ApiClient client, String more) {
		return client.postJson("/api/v1/Timers",
				"{\"UserStory\": {\"Id\": " + this.story + "}" + (more.isEmpty() ? "" : ", " + more) + "}");
	}

	/**
	 * A fixed offset in which the test server's "now" is about that hour of the day, so
	 * that midnight is where the test wants it whenever the test runs.
	 */
	private String zoneWhereNowIs(int hour) {
		int secondsOfDay = Instant.now(this.clock).atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
		int offset = Math.floorMod(hour * 3600 - secondsOfDay, 86400);
		if (offset > 43200) {
			offset -= 86400;
		}
		offset = offset / 60 * 60;
		return ZoneOffset.ofTotalSeconds(offset).getId();
	}

	private void useServiceAccount() {
		useServiceAccount(TestServiceAccounts.SCOPES);
	}

	private void useServiceAccount(String scopes) {
		TestServiceAccounts.set(admin(), anonymous(), today(), scopes);
	}

	private ApiClient client(TestUser user) {
		return user.client(anonymous()).json();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
