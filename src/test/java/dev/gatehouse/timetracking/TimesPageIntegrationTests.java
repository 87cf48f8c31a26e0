package dev.gatehouse.timetracking;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The <i>Times</i> page: log time on a visible story, see the week with its day totals,
 * delete an entry; refusals come back as messages and store nothing.
 */
class TimesPageIntegrationTests extends IntegrationTestSupport {

	@Test
	void logWhenFormPostedThenWeekShowsEntryAndTotalsAndDeleteRemovesIt() {
		String key = TestProjects.uniqueKey();
		assertThat(admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Times " + key + "\"}")
			.status()).isEqualTo(201);
		long projectId = admin().json().get("/api/v1/Projects/" + key).json().get("Id").asLong();
		long story = admin().json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"<i>Ledger</i>\", \"Project\": {\"Id\": " + projectId + "}}")
			.json()
			.get("Id")
			.asLong();
		TestUser member = TestUsers.user(admin(), "pagetimer");
		admin().json().postJson("/api/v1/Projects/" + key + "/Members", "{\"User\": {\"Id\": " + member.id() + "}}");
		ApiClient browser = signIn(member);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);

		ApiResponse page = browser.get("/times");
		assertThat(page.body()).contains("&lt;i&gt;Ledger&lt;/i&gt;").doesNotContain("<i>Ledger</i>");
		ApiResponse logged = browser.submitForm("/times", ApiClient.csrfToken(page), Map.of("userStoryId",
				String.valueOf(story), "date", today.toString(), "spent", "2.5", "description", "Reconciled"));
		assertThat(logged.status()).isEqualTo(302);
		ApiResponse week = browser.get(path(logged));
		assertThat(week.body()).contains("Logged 2.5 hours").contains("Reconciled");
		assertThat(week.body()).contains("<td id=\"week-total\"><strong>2.5</strong></td>");

		ApiResponse refused = browser.submitForm("/times", csrf(browser, "/times"),
				Map.of("userStoryId", String.valueOf(story), "date", today.toString(), "spent", "22"));
		assertThat(browser.get(path(refused)).body()).contains("A day has 24 hours");

		long id = member.client(anonymous()).json().get("/api/v1/Times").json().get("Items").get(0).get("Id").asLong();
		assertThat(browser.submitForm("/times/" + id + "/delete", null, Map.of()).status()).as("needs CSRF")
			.isEqualTo(403);
		assertThat(browser.submitForm("/times/" + id + "/delete", csrf(browser, "/times"), Map.of()).status())
			.isEqualTo(302);
		assertThat(member.client(anonymous()).json().get("/api/v1/Times").json().get("Items")).isEmpty();
	}

	private static String path(ApiResponse redirect) {
		return java.net.URI.create(redirect.header("Location").orElseThrow()).getRawPath() + "?"
				+ java.net.URI.create(redirect.header("Location").orElseThrow()).getRawQuery();
	}

}
