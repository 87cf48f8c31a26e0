package dev.gatehouse.authentication;

import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestServiceAccounts;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requesters reach no work data, by any credential, on any page, directly or through the
 * service account's view (SPEC §2.2): they are told so instead.
 */
class RequesterIntegrationTests extends IntegrationTestSupport {

	@AfterEach
	void noServiceAccount() {
		admin().delete("/api/v1/ServiceAccount");
	}

	@Test
	void workDataPagesWhenRequesterSignedInThenForbiddenSayingWhyEvenThroughTheServiceAccount() {
		String key = TestProjects.project(admin());
		long story = TestProjects.story(admin(), key, "Confidential roadmap");
		assertThat(admin().json()
			.postJson("/api/v1/Budgets", "{\"UserStory\": {\"Id\": " + story + "}, \"Hours\": 40}")
			.status()).isEqualTo(201);
		TestUser requester = TestUsers.requester(admin(), "rita");
		TestProjects.member(admin(), key, requester.id());
		useHealthyServiceAccount();
		ApiClient rita = signIn(requester);

		for (String page : new String[] { "/budgets", "/times", "/projects/" + key,
				"/settings/authentication-and-security", "/settings/reporting-and-api", "/admin/users" }) {
			ApiResponse refused = rita.get(page);
			assertThat(refused.status()).as(page).isEqualTo(403);
			assertThat(refused.body()).as(page)
				.contains("Requester accounts have no access to work data")
				.doesNotContain("Confidential roadmap")
				.doesNotContain(key);
		}
		ApiResponse home = rita.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("requester account").doesNotContain(key).doesNotContain("Times</a>");
	}

	@Test
	void workDataFormsWhenRequesterPostsThenForbiddenAndNothingWritten() {
		String key = TestProjects.project(admin());
		long story = TestProjects.story(admin(), key, "Form target");
		TestUser requester = TestUsers.requester(admin(), "ritaform");
		TestProjects.member(admin(), key, requester.id());
		ApiClient rita = signIn(requester);
		String csrf = csrf(rita, "/");

		ApiResponse logged = rita.submitForm("/times", csrf, java.util.Map.of("userStoryId", String.valueOf(story),
				"date", LocalDate.now(ZoneOffset.UTC).toString(), "spent", "2"));

		assertThat(logged.status()).isEqualTo(403);
		assertThat(admin().json().get("/api/v1/Times?where=(UserStory.Id%20eq%20" + story + ")").json().get("Items"))
			.isEmpty();
	}

	@Test
	void apiAndFeedWhenRequesterThenForbiddenWithEveryCredential() {
		TestUser requester = TestUsers.requester(admin(), "ritaapi");
		useHealthyServiceAccount();

		for (String path : new String[] { "/api/v1/Budgets", "/api/v1/Times", "/odata/WorkLogs",
				"/api/v1/Reporting/WorkLogs.csv" }) {
			ApiResponse basic = requester.client(anonymous()).json().get(path);
			assertThat(basic.status()).as(path).isEqualTo(403);
			assertThat(signIn(requester).get(path).status()).as(path).isEqualTo(403);
		}
	}

	private void useHealthyServiceAccount() {
		TestServiceAccounts.set(admin(), anonymous(), LocalDate.now(ZoneOffset.UTC),
				TestServiceAccounts.REQUIRED_SCOPES);
	}

}
