package dev.gatehouse.timetracking;

import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/Times} (SPEC §6.8, §10): users log their own time on the stories they
 * can see, within 24 hours a day; administrators also for others; everyone sees their own
 * entries, administrators everyone's.
 */
class TimeApiIntegrationTests extends IntegrationTestSupport {

	private String key;

	private long story;

	private TestUser member;

	@BeforeEach
	void projectWithMemberAndStory() {
		this.key = TestProjects.uniqueKey();
		assertThat(admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + this.key + "\", \"Name\": \"Time " + this.key + "\"}")
			.status()).isEqualTo(201);
		long projectId = admin().json().get("/api/v1/Projects/" + this.key).json().get("Id").asLong();
		this.story = admin().json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"Billing\", \"Project\": {\"Id\": " + projectId + "}}")
			.json()
			.get("Id")
			.asLong();
		this.member = TestUsers.user(admin(), "timer");
		assertThat(admin().json()
			.postJson("/api/v1/Projects/" + this.key + "/Members", "{\"User\": {\"Id\": " + this.member.id() + "}}")
			.status()).isEqualTo(201);
	}

	@Test
	void createWhenOwnVisibleStoryThenStoredAndSeenByOwnerAndAdministratorsOnly() {
		ApiResponse created = log(this.member, today(), "1.5", ", \"Description\": \"Invoices\", \"Billable\": true");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode entry = created.json();
		assertThat(entry.get("Spent").decimalValue()).isEqualByComparingTo("1.5");
		assertThat(entry.get("Date").asString()).isEqualTo(today().toString());
		assertThat(entry.get("Billable").asBoolean()).isTrue();
		assertThat(entry.get("User").get("Id").asLong()).isEqualTo(this.member.id());
		assertThat(entry.get("UserStory").get("Id").asLong()).isEqualTo(this.story);
		assertThat(entry.get("Project").get("Name").asString()).isEqualTo(this.key);
		long id = entry.get("Id").asLong();
		assertThat(client(this.member).get("/api/v1/Times").json().get("Items")).hasSize(1);
		TestUser colleague = TestUsers.user(admin(), "colleague");
		assertThat(client(colleague).get("/api/v1/Times").json().get("Items")).isEmpty();
		assertThat(client(colleague).get("/api/v1/Times/" + id).status()).isEqualTo(404);
		assertThat(
				admin().json().get("/api/v1/Times?where=(User.Id%20eq%20" + this.member.id() + ")").json().get("Items"))
			.hasSize(1);
	}

	@Test
	void createWhenDurationOrDateAbsurdThenRefusedAndNothingStored() {
		assertThat(log(this.member, today(), "0", "").status()).isEqualTo(400);
		assertThat(log(this.member, today(), "-1", "").status()).isEqualTo(400);
		assertThat(log(this.member, today(), "24.5", "").status()).isEqualTo(400);
		assertThat(log(this.member, today(), "1.005", "").status()).isEqualTo(400);
		assertThat(log(this.member, today().plusDays(3), "1", "").status()).isEqualTo(400);
		assertThat(log(this.member, LocalDate.of(1999, 12, 31), "1", "").status()).isEqualTo(400);
		assertThat(
				client(this.member).postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + this.story + "}}").status())
			.isEqualTo(400);
		ApiResponse unknownField = client(this.member).postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": "
				+ this.story + "}, \"Date\": \"" + today() + "\", \"Spent\": 1, \"Hours\": 2}");
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.json().get("Message").asString()).contains("Hours");

		assertThat(client(this.member).get("/api/v1/Times").json().get("Items")).isEmpty();
	}

	@Test
	void createWhenDayWouldExceed24HoursThenRefused() {
		assertThat(log(this.member, today(), "20", "").status()).isEqualTo(201);

		ApiResponse over = log(this.member, today(), "4.25", "");
		assertThat(over.status()).isEqualTo(400);
		assertThat(over.json().get("Message").asString()).contains("24 hours");
		assertThat(log(this.member, today(), "4", "").status()).isEqualTo(201);
		assertThat(log(this.member, today().minusDays(1), "8", "").status()).as("another day").isEqualTo(201);
	}

	@Test
	void createWhenTwoEntriesRaceForTheSameDayThenOnlyOneFits() throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			java.util.concurrent.Callable<Integer> thirteenHours = () -> {
				start.await();
				return log(this.member, today(), "13", "").status();
			};
			var first = pool.submit(thirteenHours);
			var second = pool.submit(thirteenHours);
			start.countDown();

			assertThat(java.util.List.of(first.get(), second.get())).containsExactlyInAnyOrder(201, 400);
		}
		finally {
			pool.shutdown();
		}
		JsonNode day = client(this.member).get("/api/v1/Times?where=(Date%20eq%20'" + today() + "')").json();
		assertThat(day.get("Items")).hasSize(1);
	}

	@Test
	void updateWhenTheEntryItselfFillsTheDayThenAllowed() {
		long id = log(this.member, today(), "20", "").json().get("Id").asLong();

		assertThat(client(this.member).postJson("/api/v1/Times/" + id, "{\"Spent\": 24}").status()).isEqualTo(200);
		assertThat(log(this.member, today(), "0.25", "").status()).isEqualTo(400);
	}

	@Test
	void storyWhenItHasTimeThenNotDeletedAndNamesOfLeftProjectsMasked() {
		long id = log(this.member, today(), "2", "").json().get("Id").asLong();

		assertThat(admin().delete("/api/v1/UserStories/" + this.story).status()).isEqualTo(409);
		assertThat(admin().delete("/api/v1/Projects/" + this.key + "/Members/" + this.member.id()).status())
			.isEqualTo(204);
		JsonNode entry = client(this.member).get("/api/v1/Times/" + id).json();
		assertThat(entry.get("UserStory").get("Name").asString()).isEqualTo("Restricted work item #" + this.story);
		assertThat(entry.get("Spent").decimalValue()).as("the hours still count").isEqualByComparingTo("2");
	}

	@Test
	void createWhenAdministratorLogsForANonMemberThenRefused() {
		TestUser outsider = TestUsers.user(admin(), "outsider");

		ApiResponse refused = admin().json()
			.postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + this.story + "}, \"Date\": \"" + today()
					+ "\", \"Spent\": 1, \"User\": {\"Id\": " + outsider.id() + "}}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("Message").asString()).contains("not a member");
	}

	@Test
	void createWhenStoryNotVisibleThenRefusedLikeAMissingOne() {
		TestUser outsider = TestUsers.user(admin(), "outsider");

		ApiResponse hidden = log(outsider, today(), "1", "");
		ApiResponse missing = client(outsider).postJson("/api/v1/Times",
				"{\"UserStory\": {\"Id\": 999999999}, \"Date\": \"" + today() + "\", \"Spent\": 1}");

		assertThat(hidden.status()).isEqualTo(400);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(hidden.json().get("Message").asString()).contains("was not found");
	}

	@Test
	void createWhenForSomeoneElseThenOnlyAdministratorsMay() {
		TestUser colleague = TestUsers.user(admin(), "colleague");
		String forMember = "{\"UserStory\": {\"Id\": " + this.story + "}, \"Date\": \"" + today()
				+ "\", \"Spent\": 2, \"User\": {\"Id\": " + this.member.id() + "}}";

		assertThat(client(colleague).postJson("/api/v1/Times", forMember).status()).isEqualTo(403);
		ApiResponse byAdministrator = admin().json().postJson("/api/v1/Times", forMember);
		assertThat(byAdministrator.status()).isEqualTo(201);
		assertThat(byAdministrator.json().get("User").get("Id").asLong()).isEqualTo(this.member.id());
		assertThat(client(this.member).get("/api/v1/Times").json().get("Items")).hasSize(1);
		long id = byAdministrator.json().get("Id").asLong();
		assertThat(client(this.member).postJson("/api/v1/Times/" + id, "{\"User\": {\"Id\": " + colleague.id() + "}}")
			.status()).as("nor move it to someone else").isEqualTo(403);
	}

	@Test
	void updateAndDeleteWhenOwnEntryThenDoneOthersNotFound() {
		long id = log(this.member, today(), "2", "").json().get("Id").asLong();
		TestUser colleague = TestUsers.user(admin(), "colleague");

		ApiResponse updated = client(this.member).postJson("/api/v1/Times/" + id,
				"{\"Spent\": 3.75, \"Description\": \"More invoices\"}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("Spent").decimalValue()).isEqualByComparingTo("3.75");
		assertThat(updated.json().get("Description").asString()).isEqualTo("More invoices");
		assertThat(client(colleague).postJson("/api/v1/Times/" + id, "{\"Spent\": 1}").status()).isEqualTo(404);
		assertThat(client(colleague).delete("/api/v1/Times/" + id).status()).isEqualTo(404);
		assertThat(client(this.member).delete("/api/v1/Times/" + id).status()).isEqualTo(204);
		assertThat(client(this.member).get("/api/v1/Times/" + id).status()).isEqualTo(404);
	}

	@Test
	void listWhenFilteredByDateAndProjectThenOnlyThoseAndPaged() {
		log(this.member, today(), "1", "");
		log(this.member, today().minusDays(10), "2", "");
		log(this.member, today().minusDays(40), "3", "");
		ApiClient client = client(this.member);

		String lastMonth = "where=(Date%20gte%20'" + today().minusDays(30) + "')%20and%20(Project.Key%20eq%20'"
				+ this.key + "')";
		assertThat(client.get("/api/v1/Times?" + lastMonth).json().get("Items")).hasSize(2);
		JsonNode firstPage = client.get("/api/v1/Times?take=2&orderByDesc=Date").json();
		assertThat(firstPage.get("Items")).hasSize(2);
		assertThat(firstPage.get("Next").asString()).contains("skip=2");
		assertThat(client.get("/api/v1/Times?where=(Date%20gte%20'yesterday')").status()).isEqualTo(400);
		ApiResponse xml = this.member.client(anonymous()).get("/api/v1/Times?orderBy=Date");
		assertThat(xml.xpath("/Times/Time[1]/Spent")).isEqualTo("3.00");
	}

	@Test
	void scopesWhenTokenNarrowedThenTimeReadAndTimeWriteApart() {
		String reader = token(this.member, "time:read");
		String writer = token(this.member, "time:write");
		String body = "{\"UserStory\": {\"Id\": " + this.story + "}, \"Date\": \"" + today() + "\", \"Spent\": 1}";

		assertThat(anonymous().bearer(reader).json().get("/api/v1/Times").status()).isEqualTo(200);
		assertThat(anonymous().bearer(reader).json().postJson("/api/v1/Times", body).status()).isEqualTo(403);
		assertThat(anonymous().bearer(writer).json().postJson("/api/v1/Times", body).status()).isEqualTo(201);
	}

	private String token(TestUser user, String scope) {
		return client(user)
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"" + scope + "\", \"Scopes\": [\"" + scope + "\"]}")
			.json()
			.get("Token")
			.asString();
	}

	private ApiResponse log(TestUser user, LocalDate date, String spent, String extra) {
		return client(user).postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + this.story + "}, \"Date\": \""
				+ date + "\", \"Spent\": " + spent + extra + "}");
	}

	private ApiClient client(TestUser user) {
		return user.client(anonymous()).json();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
