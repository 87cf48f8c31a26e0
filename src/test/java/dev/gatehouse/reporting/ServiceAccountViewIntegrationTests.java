package dev.gatehouse.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user with restricted project access sees in reports, budgets, exports and time
 * views, for each state of the service account and both values of the privacy setting
 * (SPEC §6.3–6.5).
 * <p>
 * The organisation of each test: the user is a member of project OWN, not of project
 * OTHER. On OWN they logged 3 h. On OTHER a colleague logged 5 h ("merger notes"), and
 * the user logged 2 h before they were removed from it. OTHER's story is "Secret merger";
 * OTHER has a budget of 10 h and its story one of 8 h; OWN has one of 20 h.
 */
class ServiceAccountViewIntegrationTests extends IntegrationTestSupport {

	private static final String SCOPES = "[\"profile:read\", \"identity:read\", \"work_items:read\", \"work_items:write\"]";

	private static final String INCOMPLETE_TIME = "You don&#39;t have access to all projects, or some included"
			+ " iterations or work items were deleted. Therefore, the time calculation may not be accurate.";

	private static final String INCOMPLETE_ACCESS = "You don&#39;t have access to all projects, iterations, or work"
			+ " items, or some of them were deleted. Please ask your administrator to increase your access level or"
			+ " set up a Service Account in Configuration - Settings.";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	private String own;

	private String other;

	private long otherStory;

	private TestUser user;

	private TestUser serviceAccount;

	private long serviceAccountToken;

	private String reportingToken;

	private java.util.List<Long> otherBudgets;

	@BeforeEach
	void restrictedUserAndTwoProjects() {
		admin().delete("/api/v1/ServiceAccount");
		privacy(false);
		this.own = project("Own");
		this.other = project("Other");
		long ownStory = story(this.own, "Visible story");
		this.otherStory = story(this.other, "Secret merger");
		this.user = TestUsers.user(admin(), "restricted");
		TestUser colleague = TestUsers.user(admin(), "colleague");
		member(this.own, this.user);
		member(this.other, this.user);
		member(this.other, colleague);
		log(this.user, ownStory, "3", "own work");
		log(this.user, this.otherStory, "2", "before leaving");
		log(colleague, this.otherStory, "5", "merger notes");
		assertThat(admin().delete("/api/v1/Projects/" + this.other + "/Members/" + this.user.id()).status())
			.isEqualTo(204);
		this.otherBudgets = java.util.List.of(
				budget("{\"Project\": {\"Id\": " + projectId(this.other) + "}, \"Hours\": 10}"),
				budget("{\"UserStory\": {\"Id\": " + this.otherStory + "}, \"Hours\": 8}"));
		budget("{\"Project\": {\"Id\": " + projectId(this.own) + "}, \"Hours\": 20}");
		this.reportingToken = this.user.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"Excel\", \"Scopes\": [\"reporting:read\"]}")
			.json()
			.get("Token")
			.asString();
		this.serviceAccount = TestUsers.administrator(admin(), "account");
		this.serviceAccountToken = this.serviceAccount.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens",
					"{\"Name\": \"service\", \"Scopes\": " + SCOPES + ", \"ExpirationDate\": \"" + today().plusDays(200)
							+ "\"}")
			.json()
			.get("Id")
			.asLong();
	}

	@AfterEach
	void noServiceAccount() {
		admin().delete("/api/v1/ServiceAccount");
		privacy(false);
	}

	@Test
	void withoutServiceAccountThenOnlyOwnProjectsTheTimeMessageAndUnavailableBudgets() {
		assertSeesOnlyOwnProjects();
	}

	@ParameterizedTest
	@EnumSource(names = { "EXPIRED_OR_REVOKED", "NOT_ADMINISTRATOR", "MISSING_SCOPES" })
	void withServiceAccountNotWorkingThenTheSameAsWithout(Broken state) {
		useServiceAccount();
		state.breakIt(this);
		assertThat(admin().json().get("/api/v1/ServiceAccount/status").json().get("State").asString())
			.isEqualTo(state.name());

		assertSeesOnlyOwnProjects();
	}

	@Test
	void withHealthyServiceAccountAndPrivacyOffThenCompleteTotalsWithMaskedTitles() {
		useServiceAccount();

		JsonNode logs = feed("/odata/WorkLogs?$filter=" + bothProjects() + "&$orderby=Hours");
		assertThat(hours(logs)).as("3 + 2 + 5: every hour counts").isEqualByComparingTo("10");
		String masked = "Restricted work item #" + this.otherStory;
		JsonNode colleagues = logs.get("value").get(2);
		assertThat(colleagues.get("WorkItemName").asString()).isEqualTo(masked);
		assertThat(colleagues.get("Description").isNull()).as("no description from OTHER").isTrue();
		assertThat(logs.get("value").get(1).get("Description").asString()).isEqualTo("own work");
		assertThat(feed("/odata/WorkLogs?$filter=contains(WorkItemName,'merger')").get("value"))
			.as("a masked title cannot be searched for")
			.isEmpty();
		JsonNode byProject = feed(
				"/odata/WorkLogs?$apply=filter(" + bothProjects() + "%20and%20Date%20ge%20" + today().withDayOfMonth(1)
						+ ")/groupby((ProjectKey),aggregate(Hours%20with%20sum%20as%20Total))" + "&$orderby=Total");
		assertThat(byProject.get("value")).as("this month's hours by project").hasSize(2);
		assertThat(byProject.get("value").get(0).get("ProjectKey").asString()).isEqualTo(this.own);
		assertThat(byProject.get("value").get(0).get("Total").decimalValue()).isEqualByComparingTo("3");
		assertThat(byProject.get("value").get(1).get("Total").decimalValue()).isEqualByComparingTo("7");
		JsonNode byItem = feed("/odata/WorkLogs?$apply=filter(" + bothProjects()
				+ ")/groupby((WorkItemName),aggregate(Hours%20with%20sum%20as%20Total,"
				+ "Description%20with%20max%20as%20Note))&$orderby=WorkItemName");
		assertThat(byItem.get("value")).hasSize(2);
		assertThat(byItem.get("value").get(0).get("WorkItemName").asString()).isEqualTo(masked);
		assertThat(byItem.get("value").get(0).get("Total").decimalValue()).isEqualByComparingTo("7");
		assertThat(byItem.get("value").get(0).get("Note").isNull()).as("no description through max").isTrue();
		assertThat(byItem.get("value").get(1).get("WorkItemName").asString()).isEqualTo("Visible story");
		assertThat(this.user.client(anonymous())
			.json()
			.get("/api/v1/Times?where=(UserStory.Name%20contains%20'merger')")
			.json()
			.get("Items")).as("nor through the Times API").isEmpty();
		JsonNode item = feed("/odata/WorkItems?$filter=Id%20eq%20" + this.otherStory).get("value").get(0);
		assertThat(item.get("Name").asString()).isEqualTo(masked);
		assertThat(item.get("Effort").isNull()).isTrue();
		assertThat(item.get("State").isNull()).isTrue();
		JsonNode budgets = feed("/odata/Budgets?$filter=" + bothProjects() + "&$orderby=Hours");
		assertThat(budgets.get("value")).hasSize(3);
		assertThat(budgets.get("value").get(1).get("Tracked").decimalValue()).as("OTHER: 2 + 5")
			.isEqualByComparingTo("7");
		ApiResponse header = reporting().get("/odata/WorkLogs?$top=1");
		assertThat(header.header("Gatehouse-Reporting-View")).contains("through-service-account");

		ApiResponse exported = reporting().get("/api/v1/Reporting/WorkLogs.csv?project=" + this.other);
		assertThat(exported.status()).isEqualTo(200);
		String export = exported.body();
		assertThat(export.split("\\R")).as("the header and OTHER's two entries").hasSize(3);
		assertThat(export).contains(masked).doesNotContain("Secret merger").doesNotContain("merger notes");
		String times = signIn(this.user).get("/times").body();
		assertThat(times).contains(masked).doesNotContain("Secret merger").doesNotContain("id=\"reporting-notice\"");
		String budgetPage = signIn(this.user).get("/budgets").body();
		assertThat(budgetPage).contains(masked)
			.contains(this.other)
			.doesNotContain("Secret merger")
			.doesNotContain("removed or not available")
			.doesNotContain("id=\"reporting-notice\"");
		assertThat(signIn(this.user).get("/").body()).doesNotContain("id=\"reporting-notice\"");
		assertThat(this.user.client(anonymous())
			.json()
			.get("/api/v1/Budgets?where=(Project.Key%20eq%20'" + this.other + "')")
			.json()
			.get("Items")).hasSize(2);
	}

	@Test
	void withHealthyServiceAccountAndPrivacyOnThenTitlesShownToo() {
		useServiceAccount();
		privacy(true);

		JsonNode logs = feed("/odata/WorkLogs?$filter=" + bothProjects() + "&$orderby=Hours");
		assertThat(hours(logs)).isEqualByComparingTo("10");
		assertThat(logs.get("value").get(2).get("WorkItemName").asString()).isEqualTo("Secret merger");
		assertThat(logs.get("value").get(2).get("Description").asString()).isEqualTo("merger notes");
		assertThat(
				feed("/odata/WorkItems?$filter=Id%20eq%20" + this.otherStory).get("value").get(0).get("State").isNull())
			.isFalse();
		assertThat(signIn(this.user).get("/times").body()).contains("Secret merger");
		assertThat(signIn(this.user).get("/budgets").body()).contains("Secret merger");
		assertThat(this.user.client(anonymous())
			.json()
			.get("/api/v1/Times?where=(UserStory.Id%20eq%20" + this.otherStory + ")")
			.json()
			.get("Items")
			.get(0)
			.get("UserStory")
			.get("Name")
			.asString()).isEqualTo("Secret merger");
	}

	@Test
	void withExpiringServiceAccountThenStillComplete() {
		long expiring = this.serviceAccount.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens",
					"{\"Name\": \"soon\", \"Scopes\": " + SCOPES + ", \"ExpirationDate\": \"" + today().plusDays(10)
							+ "\"}")
			.json()
			.get("Id")
			.asLong();
		useServiceAccount(expiring);
		assertThat(admin().json().get("/api/v1/ServiceAccount/status").json().get("State").asString())
			.isEqualTo("EXPIRING");

		assertThat(hours(feed("/odata/WorkLogs?$filter=" + bothProjects()))).isEqualByComparingTo("10");
	}

	@Test
	void elevatedReadsWhenDoneThenAuditedWithReaderAndServiceAccountOneEventPerBurst() {
		useServiceAccount();

		ApiClient excel = reporting();
		for (int page = 0; page < 3; page++) {
			assertThat(excel.get("/odata/WorkLogs?$filter=" + bothProjects()).status()).isEqualTo(200);
		}
		signIn(this.user).get("/budgets");
		ApiClient times = this.user.client(anonymous()).json();
		long own = times.get("/api/v1/Times?where=(Description%20eq%20'own%20work')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		assertThat(times.delete("/api/v1/Times/" + own).status()).isEqualTo(204);
		this.audit.flush();

		String log = signIn(TestUsers.administrator(admin(), "auditor"))
			.get("/admin/audit/export.csv?action=ELEVATED_READ&actor=" + this.user.login())
			.body();
		assertThat(log).contains(this.serviceAccount.login())
			.contains("Reporting API WorkLogs")
			.contains("budgets")
			.contains("through the service account");
		assertThat(this.jdbc
			.sql("select occurrences from audit_events where action = 'ELEVATED_READ' and actor_id = :user"
					+ " and target = 'Reporting API WorkLogs'")
			.param("user", this.user.id())
			.query(Integer.class)
			.single()).as("three reads, one event").isEqualTo(3);
		assertThat(this.jdbc
			.sql("select sum(occurrences) from audit_events where action = 'ELEVATED_READ' and actor_id = :user"
					+ " and target = 'time entries'")
			.param("user", this.user.id())
			.query(Integer.class)
			.single()).as("the list is a read; finding the entry to delete is not").isEqualTo(1);
	}

	@Test
	void budgetsWhenTheQueryIsRefusedThenNoReadThroughTheServiceAccountIsAudited() {
		useServiceAccount();
		this.audit.flush();

		assertThat(this.user.client(anonymous()).json().get("/api/v1/Budgets?where=(Bogus%20eq%201)").status())
			.isEqualTo(400);
		this.audit.flush();

		assertThat(this.jdbc
			.sql("select count(*) from audit_events where action = 'ELEVATED_READ' and actor_id = :user"
					+ " and target = 'budgets'")
			.param("user", this.user.id())
			.query(Integer.class)
			.single()).as("nothing was read").isZero();
	}

	@Test
	void budgetWhenItsStoryMovedToAProjectTheUserCannotAccessThenItFollowsTheStory() {
		String temporary = project("Temporary");
		member(temporary, this.user);
		long moving = story(temporary, "Moving secret");
		long budget = budget("{\"UserStory\": {\"Id\": " + moving + "}, \"Hours\": 4}");
		assertThat(admin().json()
			.postJson("/api/v1/UserStories/" + moving, "{\"Project\": {\"Id\": " + projectId(this.other) + "}}")
			.status()).isEqualTo(200);
		assertThat(admin().delete("/api/v1/Projects/" + temporary).status()).as("the story's old project")
			.isEqualTo(204);
		assertThat(admin().json().get("/api/v1/Budgets/" + budget).json().get("Project").get("Id").asLong())
			.as("the budget moved with its story, and outlived its old project")
			.isEqualTo(projectId(this.other));

		assertThat(this.user.client(anonymous())
			.json()
			.get("/api/v1/Budgets?where=(UserStory.Id%20eq%20" + moving + ")")
			.json()
			.get("Items")).isEmpty();
		assertThat(feed("/odata/Budgets?$filter=WorkItemId%20eq%20" + moving).get("value")).isEmpty();
		assertThat(signIn(this.user).get("/budgets").body()).doesNotContain("Moving secret")
			.containsPattern("data-budget-id=\"" + budget + "\"");
		ApiResponse again = admin().json()
			.postJson("/api/v1/Budgets", "{\"UserStory\": {\"Id\": " + moving + "}, \"Hours\": 5}");
		assertThat(again.status()).as("still one budget per story").isEqualTo(409);
	}

	@Test
	void administratorWhenReadingThenEverythingWithTitlesAndNoElevatedRead() {
		useServiceAccount();
		ApiClient administrator = admin().json();

		JsonNode logs = administrator.get("/odata/WorkLogs?$filter=" + bothProjects() + "&$orderby=Hours").json();

		assertThat(hours(logs)).isEqualByComparingTo("10");
		assertThat(logs.get("value").get(2).get("WorkItemName").asString()).isEqualTo("Secret merger");
		assertThat(administrator.get("/odata/WorkLogs?$top=1").header("Gatehouse-Reporting-View"))
			.contains("all-projects");
		this.audit.flush();
		assertThat(this.jdbc.sql("select count(*) from audit_events where action = 'ELEVATED_READ' and actor_id = 1")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void privacySettingWhenChangedOnThePageOrApiThenReadBackAndAudited() {
		ApiClient browser = signIn(TestUsers.administrator(admin(), "privacy"));
		String page = "/settings/reporting-and-api";

		ApiResponse saved = browser.submitForm(page + "/privacy", csrf(browser, page),
				java.util.Map.of("showRestrictedWorkItems", "true"));

		assertThat(saved.status()).isEqualTo(302);
		assertThat(admin().json().get("/api/v1/Settings").json().get("ShowRestrictedWorkItems").asBoolean()).isTrue();
		assertThat(browser.get(page).body()).contains("id=\"showRestrictedWorkItems\"")
			.containsPattern("id=\"showRestrictedWorkItems\"[^>]*checked");
		ApiResponse off = admin().json().postJson("/api/v1/Settings", "{\"ShowRestrictedWorkItems\": false}");
		assertThat(off.json().get("ShowRestrictedWorkItems").asBoolean()).isFalse();
		assertThat(off.json().get("LoginFormEnabled").asBoolean()).as("the others unchanged").isTrue();
		ApiClient plain = signIn(this.user);
		plain.submitForm(page + "/privacy", csrf(plain, "/"), java.util.Map.of("showRestrictedWorkItems", "true"));
		assertThat(admin().json().get("/api/v1/Settings").json().get("ShowRestrictedWorkItems").asBoolean())
			.as("a user cannot change it")
			.isFalse();
	}

	private void assertSeesOnlyOwnProjects() {
		JsonNode logs = feed("/odata/WorkLogs?$filter=" + bothProjects() + "&$count=true");
		assertThat(logs.get("@odata.count").asInt()).isEqualTo(1);
		assertThat(hours(logs)).as("only OWN's 3 h").isEqualByComparingTo("3");
		assertThat(feed("/odata/WorkItems?$filter=Id%20eq%20" + this.otherStory).get("value")).isEmpty();
		assertThat(feed("/odata/Budgets?$filter=" + bothProjects()).get("value")).hasSize(1);
		assertThat(reporting().get("/odata/WorkLogs?$top=1").header("Gatehouse-Reporting-View"))
			.contains("own-projects");
		ApiResponse export = reporting().get("/api/v1/Reporting/WorkLogs.csv?project=" + this.other);
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.body().trim()).as("the header alone").doesNotContain("\n");

		String times = signIn(this.user).get("/times").body();
		assertThat(times).contains(INCOMPLETE_TIME)
			.contains("Restricted work item #" + this.otherStory)
			.doesNotContain("Secret merger");
		String budgets = signIn(this.user).get("/budgets").body();
		assertThat(budgets).contains(INCOMPLETE_TIME).doesNotContain("Secret merger");
		for (long id : this.otherBudgets) {
			java.util.regex.Matcher row = java.util.regex.Pattern
				.compile("(?s)<tr[^>]*data-budget-id=\"" + id + "\"[^>]*>(.*?)</tr>")
				.matcher(budgets);
			assertThat(row.find()).as("OTHER's budget #" + id + " listed").isTrue();
			assertThat(row.group(1)).contains("removed or not available").doesNotContain(this.other);
		}
		assertThat(signIn(this.user).get("/").body()).contains(INCOMPLETE_ACCESS);
		assertThat(this.user.client(anonymous())
			.json()
			.get("/api/v1/Budgets?where=(Project.Key%20eq%20'" + this.other + "')")
			.json()
			.get("Items")).isEmpty();
		this.audit.flush();
		assertThat(
				this.jdbc.sql("select count(*) from audit_events where action = 'ELEVATED_READ' and actor_id = :user")
					.param("user", this.user.id())
					.query(Long.class)
					.single())
			.as("nothing read through the service account")
			.isZero();
	}

	private JsonNode feed(String path) {
		ApiResponse answer = reporting().get(path);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private ApiClient reporting() {
		return anonymous().basic("", this.reportingToken);
	}

	private static BigDecimal hours(JsonNode feed) {
		BigDecimal total = BigDecimal.ZERO;
		for (JsonNode row : feed.get("value")) {
			total = total.add(row.get("Hours").decimalValue());
		}
		return total;
	}

	private String bothProjects() {
		return "ProjectKey%20in%20('" + this.own + "','" + this.other + "')";
	}

	private void useServiceAccount() {
		useServiceAccount(this.serviceAccountToken);
	}

	private void useServiceAccount(long token) {
		ApiResponse set = this.serviceAccount.client(anonymous())
			.json()
			.postJson("/api/v1/ServiceAccount", "{\"AccessToken\": {\"Id\": " + token + "}}");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
	}

	private void privacy(boolean show) {
		assertThat(admin().json().postJson("/api/v1/Settings", "{\"ShowRestrictedWorkItems\": " + show + "}").status())
			.isEqualTo(200);
	}

	private String project(String name) {
		String key = TestProjects.uniqueKey();
		assertThat(admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"" + name + "\"}")
			.status()).isEqualTo(201);
		return key;
	}

	private long projectId(String key) {
		return admin().json().get("/api/v1/Projects/" + key).json().get("Id").asLong();
	}

	private long story(String key, String name) {
		return admin().json()
			.postJson("/api/v1/UserStories",
					"{\"Name\": \"" + name + "\", \"Project\": {\"Id\": " + projectId(key) + "}}")
			.json()
			.get("Id")
			.asLong();
	}

	private void member(String key, TestUser member) {
		assertThat(admin().json()
			.postJson("/api/v1/Projects/" + key + "/Members", "{\"User\": {\"Id\": " + member.id() + "}}")
			.status()).isEqualTo(201);
	}

	private void log(TestUser who, long story, String hours, String description) {
		ApiResponse logged = who.client(anonymous())
			.json()
			.postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + story + "}, \"Date\": \"" + today()
					+ "\", \"Spent\": " + hours + ", \"Description\": \"" + description + "\"}");
		assertThat(logged.status()).as(logged.body()).isEqualTo(201);
	}

	private long budget(String body) {
		ApiResponse set = admin().json().postJson("/api/v1/Budgets", body);
		assertThat(set.status()).as(set.body()).isEqualTo(201);
		return set.json().get("Id").asLong();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/** How a working service account stops working. */
	enum Broken {

		EXPIRED_OR_REVOKED {
			@Override
			void breakIt(ServiceAccountViewIntegrationTests test) {
				assertThat(test.serviceAccount.client(test.anonymous())
					.delete("/api/v1/AccessTokens/" + test.serviceAccountToken)
					.status()).isEqualTo(204);
			}
		},

		NOT_ADMINISTRATOR {
			@Override
			void breakIt(ServiceAccountViewIntegrationTests test) {
				assertThat(test.admin()
					.json()
					.postJson("/api/v1/Users/" + test.serviceAccount.id(), "{\"IsAdministrator\": false}")
					.status()).isEqualTo(200);
			}
		},

		MISSING_SCOPES {
			@Override
			void breakIt(ServiceAccountViewIntegrationTests test) {
				// No API narrows a token; a token stored by an older version could lack
				// one.
				test.jdbc.sql("update personal_access_tokens set scopes = 'profile:read' where id = :id")
					.param("id", test.serviceAccountToken)
					.update();
			}
		};

		abstract void breakIt(ServiceAccountViewIntegrationTests test);

	}

}
