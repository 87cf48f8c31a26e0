package dev.gatehouse.token.page;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project access token page without JavaScript (SPEC §5, seed 003): every control of
 * the table is a link or a form the server answers, and the value of a new token is in
 * the answer to its creation only.
 */
class ProjectAccessTokenPageIntegrationTests extends IntegrationTestSupport {

	private static final Pattern RANGE = Pattern.compile("<span id=\"range\">([^<]*)</span>");

	private static final Pattern NAMES = Pattern.compile("<td class=\"token-name\">([^<]*)</td>");

	@Test
	void tableWhenFilteredSortedAndPagedByLinksThenServerShowsEachView() {
		String key = projectWithTokens(12);
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/projects/" + key + "/access-tokens";

		ApiResponse first = browser.get(page);
		assertThat(first.status()).isEqualTo(200);
		assertThat(range(first)).isEqualTo("1 - 10/12");
		assertThat(range(browser.get(page + "?page=2"))).isEqualTo("11 - 12/12");
		assertThat(range(browser.get(page + "?page=99"))).as("past the end: the last page").isEqualTo("11 - 12/12");
		assertThat(range(browser.get(page + "?size=25"))).isEqualTo("1 - 12/12");
		assertThat(range(browser.get(page + "?filter=token-1"))).as("token-10 to token-12").isEqualTo("1 - 3/3");
		assertThat(names(browser.get(page + "?sort=name&dir=asc"))).startsWith("token-01", "token-02");
		assertThat(names(browser.get(page + "?sort=name&dir=desc"))).startsWith("token-12", "token-11");
		assertThat(first.body()).contains("sort=name&amp;dir=asc").contains("page=2");
		assertThat(browser.get(page + "?size=7").status()).isEqualTo(400);
		assertThat(browser.get(page + "?sort=token_hash").status()).isEqualTo(400);
		assertThat(range(browser.get(page + "?filter=%25"))).as("a % in the filter is literal").isEqualTo("0 - 0/0");
	}

	@Test
	void tableWhenSortedByEachColumnThenSameOrderOnEveryDatabase() {
		String key = projectWithTokens(3);
		String used = "token-02";
		String value = admin().json()
			.postJson(TestProjects.tokens(key),
					"{\"Name\": \"" + used + "-ci\", \"ExpirationDate\": \"" + today().plusDays(9) + "\"}")
			.json()
			.get("Token")
			.asString();
		assertThat(anonymous().bearer(value)
			.postBytes(TestProjects.snapshots(key) + "?version=1", "application/octet-stream", new byte[] { 1 })
			.status()).isEqualTo(201);
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/projects/" + key + "/access-tokens?sort=";

		assertThat(names(browser.get(page + "lastLogin&dir=asc"))).as("never used first").endsWith(used + "-ci");
		assertThat(names(browser.get(page + "lastLogin&dir=desc"))).startsWith(used + "-ci");
		assertThat(names(browser.get(page + "expirationDate&dir=asc"))).startsWith("token-01", "token-02");
		assertThat(names(browser.get(page + "expirationDate&dir=desc"))).startsWith(used + "-ci", "token-03");
		assertThat(names(browser.get(page + "createDate&dir=asc"))).startsWith("token-01");
		assertThat(names(browser.get(page + "createDate&dir=desc"))).startsWith(used + "-ci");
		assertThat(names(browser.get(page + "expired&dir=asc"))).hasSize(4);
	}

	@Test
	void createWhenTableStateTamperedThenRefusedAndNothingCreated() {
		String key = projectWithTokens(0);
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/projects/" + key + "/access-tokens";

		ApiResponse refused = browser.submitForm(page, csrf(browser, page),
				Map.of("name", "x", "expirationDate", today().plusDays(3).toString(), "size", "7"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).doesNotContain("gprj_");
		assertThat(range(browser.get(page))).isEqualTo("0 - 0/0");
	}

	@Test
	void createWhenFormPostedThenValueOnlyInThatAnswerAndMarkupEscaped() {
		String key = projectWithTokens(0);
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/projects/" + key + "/access-tokens";

		ApiResponse created = browser.submitForm(page, csrf(browser, page),
				Map.of("name", "<script>alert(1)</script>", "expirationDate", today().plusDays(3).toString()));

		assertThat(created.status()).isEqualTo(200);
		Matcher value = Pattern.compile("value=\"(gprj_[^\"]+)\"").matcher(created.body());
		assertThat(value.find()).isTrue();
		assertThat(created.body()).contains("shown only this once")
			.doesNotContain("<script>alert(1)</script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		ApiResponse again = browser.get(page);
		assertThat(again.body()).doesNotContain(value.group(1)).contains("&lt;script&gt;");
	}

	@Test
	void createWhenExpirationMissingPastOrBeyondPolicyThenErrorAndNothingCreated() {
		String key = projectWithTokens(0);
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/projects/" + key + "/access-tokens";

		ApiResponse missing = browser.submitForm(page, csrf(browser, page), Map.of("name", "x"));
		ApiResponse past = browser.submitForm(page, csrf(browser, page),
				Map.of("name", "x", "expirationDate", today().minusDays(1).toString()));
		ApiResponse beyond = browser.submitForm(page, csrf(browser, page),
				Map.of("name", "x", "expirationDate", today().plusYears(5).toString()));
		ApiResponse longName = browser.submitForm(page, csrf(browser, page),
				Map.of("name", "n".repeat(101), "expirationDate", today().plusDays(1).toString()));

		assertThat(missing.body()).contains("ExpirationDate is required");
		assertThat(past.body()).contains("must not be in the past");
		assertThat(beyond.body()).contains("under the token policy");
		assertThat(longName.body()).contains("1 to 100 characters");
		assertThat(range(browser.get(page))).isEqualTo("0 - 0/0");
	}

	@Test
	void deleteWhenConfirmationPageAnsweredYesThenGoneAndTableStateKept() {
		String key = projectWithTokens(3);
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/projects/" + key + "/access-tokens";
		long id = admin().json()
			.get(TestProjects.tokens(key) + "?where=(Name%20eq%20'token-02')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		String confirm = page + "/" + id + "/delete?sort=name&dir=asc&size=10&page=1&filter=token";

		ApiResponse question = browser.get(confirm);
		assertThat(question.body()).contains("token-02").contains(">Yes<").contains(">No<");
		ApiResponse deleted = browser.submitForm(confirm, ApiClient.csrfToken(question), Map.of());

		assertThat(deleted.status()).isEqualTo(302);
		assertThat(deleted.header("Location").orElseThrow()).contains("filter=token").contains("sort=name");
		assertThat(names(browser.get(page))).containsExactlyInAnyOrder("token-01", "token-03");
		assertThat(browser.submitForm(confirm, csrf(browser, page), Map.of()).status()).isEqualTo(302);
		assertThat(browser.submitForm(confirm, null, Map.of()).status()).as("without the CSRF token").isEqualTo(403);
	}

	@Test
	void pageWhenMemberWithoutProjectAdministrationThenForbiddenOutsiderNotFoundProjectAdministratorAllowed() {
		String key = projectWithTokens(1);
		long observer = TestUsers.role(admin(), "observer", "ACCESS_TOKENS");
		long projectAdministrator = TestUsers.role(admin(), "padmin", "ACCESS_TOKENS", "ADMINISTER_PROJECT");
		TestUser member = TestUsers.user(admin(), "member");
		TestUser manager = TestUsers.user(admin(), "manager");
		TestUser outsider = TestUsers.user(admin(), "outsider");
		addMember(key, member.id(), observer);
		addMember(key, manager.id(), projectAdministrator);
		String page = "/admin/projects/" + key + "/access-tokens";

		assertThat(signIn(member).get(page).status()).isEqualTo(403);
		assertThat(signIn(outsider).get(page).status()).isEqualTo(404);
		ApiClient managing = signIn(manager);
		ApiResponse managed = managing.get(page);
		assertThat(managed.status()).isEqualTo(200);
		assertThat(managed.body()).contains("id=\"project-link\"").doesNotContain("Administration → Projects");
		assertThat(managing.get("/projects/" + key).body()).contains("id=\"access-tokens-link\"");
		assertThat(managing.get("/admin/projects/" + key).status()).as("the rest of administration").isEqualTo(403);
		assertThat(anonymous().get(page).status()).isEqualTo(302);
	}

	private String projectWithTokens(int count) {
		String key = TestProjects.uniqueKey();
		assertThat(admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Project " + key + "\"}")
			.status()).isEqualTo(201);
		for (int i = 1; i <= count; i++) {
			ApiResponse created = admin().json()
				.postJson(TestProjects.tokens(key), "{\"Name\": \"" + String.format("token-%02d", i)
						+ "\", \"ExpirationDate\": \"" + today().plusDays(i) + "\"}");
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
		return key;
	}

	private void addMember(String key, long userId, long roleId) {
		assertThat(admin().json()
			.postJson("/api/v1/Projects/" + key + "/Members",
					"{\"User\": {\"Id\": " + userId + "}, \"Role\": {\"Id\": " + roleId + "}}")
			.status()).isEqualTo(201);
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static String range(ApiResponse page) {
		Matcher range = RANGE.matcher(page.body());
		assertThat(range.find()).as(page.body()).isTrue();
		return range.group(1);
	}

	private static java.util.List<String> names(ApiResponse page) {
		return NAMES.matcher(page.body()).results().map((result) -> result.group(1)).toList();
	}

}
