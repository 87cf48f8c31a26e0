package dev.gatehouse.token.page;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.audit.AuditLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token pages (SPEC §4.1, §4.4) and the audit log page (SPEC §8), driven as a browser
 * drives them.
 */
class AccessTokenPageIntegrationTests extends IntegrationTestSupport {

	private static final String SETTINGS = "/settings/authentication-and-security";

	private static final Pattern SHOWN_TOKEN = Pattern.compile("id=\"new-token\"[^>]*value=\"(gpat_[0-9A-Za-z]+)\"");

	@Autowired
	private AuditLog audit;

	@Test
	void createWhenSubmittedThenValueShownOnceAndWorksInAllThreePlaces() {
		TestUser user = TestUsers.user(admin(), "pagepat");
		ApiClient browser = signIn(user);

		ApiResponse created = browser.submitForm(SETTINGS + "/access-tokens", csrf(browser, SETTINGS),
				Map.of("name", "Excel <report>", "scopes", "profile:read"));

		assertThat(created.status()).isEqualTo(200);
		Matcher shown = SHOWN_TOKEN.matcher(created.body());
		assertThat(shown.find()).as(created.body()).isTrue();
		String token = shown.group(1);
		assertThat(created.body()).contains("shown only this once")
			.contains("shared Excel file")
			.contains("Excel &lt;report&gt;")
			.doesNotContain("Excel <report>");
		assertThat(anonymous().header("Authorization", "Bearer " + token).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(200);
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?access_token=" + token).status()).isEqualTo(200);
		assertThat(anonymous().basic("", token).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		ApiResponse later = browser.get(SETTINGS);
		assertThat(later.body()).contains("Excel &lt;report&gt;").doesNotContain(token).doesNotContain("new-token");
	}

	@Test
	void listWhenTokenUsedThenLastUseShownAndDeleteRevokesIt() {
		TestUser user = TestUsers.user(admin(), "pagelast");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"tracked\"}");
		anonymous().header("Authorization", "Bearer " + token)
			.header("User-Agent", "PowerBI/2.1")
			.from("10.1.2.3")
			.get("/api/v1/Users/LoggedUser");
		ApiClient browser = signIn(user);

		ApiResponse page = browser.get(SETTINGS);
		assertThat(page.body()).contains("tracked").contains("10.1.2.3").contains("PowerBI/2.1");
		long id = user.client(anonymous())
			.json()
			.get("/api/v1/AccessTokens")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();

		browser.submitForm(SETTINGS + "/access-tokens/" + id + "/delete", csrf(browser, SETTINGS), Map.of());

		assertThat(anonymous().header("Authorization", "Bearer " + token).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
		assertThat(browser.get(SETTINGS).body()).contains("no longer works");
	}

	@Test
	void rotateWhenSubmittedThenNewValueShownOnceAndOldWorksDuringTheOverlap() {
		TestUser user = TestUsers.user(admin(), "pagerot");
		String old = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"nightly\"}");
		long id = TestProjects.firstTokenId(user.client(anonymous()));
		ApiClient browser = signIn(user);

		ApiResponse rotated = browser.submitForm(SETTINGS + "/access-tokens/" + id + "/rotate", csrf(browser, SETTINGS),
				Map.of());

		assertThat(rotated.status()).isEqualTo(200);
		Matcher shown = SHOWN_TOKEN.matcher(rotated.body());
		assertThat(shown.find()).as(rotated.body()).isTrue();
		assertThat(shown.group(1)).isNotEqualTo(old);
		assertThat(rotated.body()).contains("New value of your token").contains("keeps working until");
		assertThat(anonymous().bearer(old).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
		assertThat(browser.get(SETTINGS).body()).contains("rotated ").doesNotContain(shown.group(1));
		ApiClient other = signIn(TestUsers.user(admin(), "pagerot2"));
		ApiResponse someoneElses = other.submitForm(SETTINGS + "/access-tokens/" + id + "/rotate",
				csrf(other, SETTINGS), Map.of());
		assertThat(someoneElses.status()).isEqualTo(200);
		assertThat(someoneElses.body()).contains("role=\"alert\"").doesNotContain("new-token");
	}

	@Test
	void settingsWhenDefaultRoleLacksPermissionThenTabAbsentAndPageRefused() {
		long roleId = TestUsers.role(admin(), "NoTab");
		TestUser user = TestUsers.withRole(admin(), "notab", roleId);
		ApiClient browser = signIn(user);

		assertThat(browser.get("/").body()).doesNotContain(SETTINGS);
		assertThat(browser.get(SETTINGS).status()).isEqualTo(403);
		assertThat(browser.submitForm(SETTINGS + "/access-tokens", csrf(browser, "/"), Map.of("name", "x")).status())
			.isEqualTo(403);
	}

	@Test
	void administrationWhenFilteredSortedAndPagedThenFromTheDatabase() {
		TestUser user = TestUsers.user(admin(), "pageadmin");
		for (String name : new String[] { "beta", "alpha", "gamma" }) {
			TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"" + name + "\"}");
		}
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		String byName = browser.get("/admin/access-tokens?user=" + user.login() + "&sort=name&desc=false").body();
		assertThat(byName.indexOf(">alpha<")).isPositive().isLessThan(byName.indexOf(">beta<"));
		assertThat(byName.indexOf(">beta<")).isLessThan(byName.indexOf(">gamma<"));
		String filtered = browser.get("/admin/access-tokens?user=" + user.login() + "&name=amm").body();
		assertThat(filtered).contains(">gamma<").doesNotContain(">alpha<");
	}

	@Test
	void administrationWhenDeletingAllOfAUserThenEveryTokenRevoked() {
		TestUser user = TestUsers.user(admin(), "pageall");
		String first = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"1\"}");
		String second = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"2\"}");
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		ApiResponse response = browser.submitForm("/admin/access-tokens/users/" + user.id() + "/delete",
				csrf(browser, "/admin/access-tokens"), Map.of());

		assertThat(response.status()).isEqualTo(302);
		assertThat(anonymous().header("Authorization", "Bearer " + first).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
		assertThat(anonymous().header("Authorization", "Bearer " + second).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(401);
	}

	@Test
	void auditWhenFilteredThenListsAndExportsTheEventsAsCsv() {
		TestUser user = TestUsers.user(admin(), "pageaudit");
		String token = TestProjects.createToken(user.client(anonymous()), "{\"Name\": \"audited\"}");
		anonymous().get("/api/v1/Users/LoggedUser?access_token=" + token + "x");
		this.audit.flush();
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		ApiResponse page = browser.get("/admin/audit?action=TOKEN_CREATED&actor=" + user.login());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("TOKEN_CREATED").contains("audited");

		ApiResponse csv = browser.get("/admin/audit/export.csv?subject=" + user.login());
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).startsWith("id,date,action,actorLogin,subjectLogin,target,reason,address,occurrences")
			.contains("TOKEN_CREATED")
			.doesNotContain(token);
		assertThat(signIn(user).get("/admin/audit").status()).isEqualTo(403);
	}

}
