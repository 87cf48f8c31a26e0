package dev.gatehouse.web;

import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.settings.SettingsService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages, driven as a browser drives them: sign in through the form, read the CSRF
 * token from the page, post forms, follow the redirect.
 */
class PageIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private SettingsService settings;

	@Test
	void pagesWhenAnonymousThenRedirectedToLogin() {
		ApiResponse home = anonymous().get("/");

		assertThat(home.status()).isEqualTo(302);
		assertThat(home.header("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		ApiResponse login = anonymous().get("/login");
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"username\"").contains("name=\"_csrf\"");
	}

	@Test
	void loginFormWhenNoCsrfTokenThenRefused() {
		ApiResponse response = anonymous().submitForm("/login", null,
				Map.of("username", "admin", "password", ADMIN_PASSWORD));

		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void homeWhenSignedInThenShowsOwnProjectsOnly() {
		TestUser member = TestUsers.user(admin(), "home");
		String mine = TestProjects.uniqueKey();
		String other = TestProjects.uniqueKey();
		admin().postJson("/api/v1/Projects", "{\"Key\": \"" + mine + "\", \"Name\": \"Mine\"}");
		admin().postJson("/api/v1/Projects", "{\"Key\": \"" + other + "\", \"Name\": \"Other\"}");
		admin().postJson("/api/v1/Projects/" + mine + "/Members", "{\"User\": {\"Id\": " + member.id() + "}}");
		ApiClient browser = signIn(member.login(), member.password());

		ApiResponse home = browser.get("/");

		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains(mine).doesNotContain(other).doesNotContain("/admin/users");
	}

	@Test
	void administrationWhenNotAdministratorThenForbidden() {
		TestUser user = TestUsers.user(admin(), "nopages");
		ApiClient browser = signIn(user.login(), user.password());

		for (String page : new String[] { "/admin/users", "/admin/roles", "/admin/projects", "/admin/settings" }) {
			assertThat(browser.get(page).status()).as(page).isEqualTo(403);
		}
	}

	@Test
	void usersPageWhenNamesHoldMarkupThenEscaped() {
		String login = unique("markup");
		admin().postJson("/api/v1/Users",
				"{\"Login\": \"" + login + "\", \"FirstName\": \"<script>alert(1)</script>\", \"LastName\": \"&\"}");
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		ApiResponse page = browser.get("/admin/users?filter=" + login);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(login)
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)");
	}

	@Test
	void createUserFormWhenSubmittedThenUserExistsAndCanSignIn() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String login = unique("formuser");

		ApiResponse created = browser.submitForm("/admin/users", csrf(browser, "/admin/users"), Map.of("login", login,
				"firstName", "Form", "lastName", "User", "password", "form-password-1", "kind", "User"));

		assertThat(created.status()).isEqualTo(302);
		assertThat(browser.get("/admin/users").body()).contains("Created user " + login);
		assertThat(anonymous().basic(login, "form-password-1").get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
	}

	@Test
	void createUserFormWhenLoginTakenThenErrorShownAndNothingWritten() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		browser.submitForm("/admin/users", csrf(browser, "/admin/users"), Map.of("login", "ADMIN", "kind", "User"));

		assertThat(browser.get("/admin/users").body()).contains("already taken");
	}

	@Test
	void deactivateButtonWhenPressedThenUserRefusedEverywhere() {
		TestUser user = TestUsers.user(admin(), "pagedeact");
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/users/" + user.id();

		ApiResponse response = browser.submitForm(page + "/active", csrf(browser, page), Map.of("active", "false"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(browser.get(page).body()).contains("Deactivated").contains(">Activate<");
		assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
	}

	@Test
	void systemUserPageWhenPasswordSetThenSystemCanUseBasic() {
		long systemId = admin().json()
			.get("/api/v1/Users?where=(Login%20eq%20'System')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String page = "/admin/users/" + systemId;
		assertThat(browser.get(page).body()).contains("Set the System user");

		browser.submitForm(page + "/password", csrf(browser, page), Map.of("password", "system-from-page"));

		assertThat(anonymous().basic("System", "system-from-page").get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(200);
	}

	@Test
	void rolesPageWhenPermissionUncheckedThenRoleLosesIt() {
		long roleId = admin().json()
			.postJson("/api/v1/Roles",
					"{\"Name\": \"" + unique("PageRole") + "\", \"Permissions\": [\"ACCESS_TOKENS\"]}")
			.json()
			.get("Id")
			.asLong();
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		browser.submitForm("/admin/roles/" + roleId, csrf(browser, "/admin/roles"),
				Map.of("name", "Renamed " + roleId, "permissions", "EDIT_USER_STORIES"));

		String role = admin().json().get("/api/v1/Roles/" + roleId).json().toString();
		assertThat(role).contains("Renamed " + roleId).contains("EDIT_USER_STORIES").doesNotContain("ACCESS_TOKENS");
	}

	@Test
	void projectPageWhenMemberAddedThenMemberSeesProject() {
		TestUser user = TestUsers.user(admin(), "pagemember");
		String key = TestProjects.uniqueKey();
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		browser.submitForm("/admin/projects", csrf(browser, "/admin/projects"), Map.of("key", key, "name", "Paged"));
		String page = "/admin/projects/" + key;

		browser.submitForm(page + "/members", csrf(browser, page), Map.of("userId", String.valueOf(user.id())));

		assertThat(browser.get(page).body()).contains("Saved the membership");
		assertThat(user.client(anonymous()).get("/api/v1/Projects/" + key).status()).isEqualTo(200);
	}

	@Test
	void settingsPageWhenLoginFormTurnedOffThenBasicRefusedButSessionKept() {
		TestUser user = TestUsers.user(admin(), "pagesso");
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		try {
			ApiResponse saved = browser.submitForm("/admin/settings", csrf(browser, "/admin/settings"), Map.of());

			assertThat(saved.status()).isEqualTo(302);
			assertThat(user.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
			assertThat(browser.get("/admin/settings").body()).contains("Settings saved");
			assertThat(anonymous().get("/login").body()).contains("single sign-on only");
		}
		finally {
			this.settings.enableLoginForm();
		}
	}

	@Test
	void formWhenPostedWithoutCsrfTokenThenForbiddenAndNothingWritten() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);
		String login = unique("nocsrf");

		ApiResponse response = browser.submitForm("/admin/users", null, Map.of("login", login, "kind", "User"));

		assertThat(response.status()).isEqualTo(403);
		assertThat(admin().get("/api/v1/Users?where=(Login%20eq%20'" + login + "')").xpath("count(/Users/User)"))
			.isEqualTo("0");
	}

	@Test
	void pagesWhenAnonymousThenNoSessionIsStored() {
		ApiClient visitor = anonymous();

		visitor.get("/admin/users?something=" + "x".repeat(2000));
		visitor.get("/login");

		assertThat(visitor.hasSessionCookie()).isFalse();
	}

	@Test
	void pagesWhenAddressNamesNothingOrValueOutOfRangeThenErrorPageWithStatus() {
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		ApiResponse missingUser = browser.get("/admin/users/999999999");
		assertThat(missingUser.status()).isEqualTo(404);
		assertThat(missingUser.body()).contains("was not found").doesNotContain("Exception");
		assertThat(browser.get("/admin/projects/NOSUCHPROJECT").status()).isEqualTo(404);
		assertThat(browser.get("/admin/users?skip=20000000").status()).isEqualTo(400);
		assertThat(browser.get("/admin/users?filter=" + "x".repeat(2100)).status()).isEqualTo(400);
	}

	@Test
	void signInWhenSavedPageThenReturnsThereAfterwards() {
		ApiClient browser = anonymous();
		browser.get("/admin/roles");

		ApiResponse login = browser.signIn("admin", ADMIN_PASSWORD);

		assertThat(login.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/admin/roles"));
	}

	@Test
	void loginFormWhenUserInactiveThenRefused() {
		TestUser user = TestUsers.user(admin(), "inactiveform");
		admin().postJson("/api/v1/Users/" + user.id(), "{\"IsActive\": false}");

		ApiResponse answer = anonymous().signIn(user.login(), user.password());

		assertThat(answer.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
	}

}
