package dev.gatehouse.reporting;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.domain.ClientEntity;
import org.apache.olingo.client.api.domain.ClientEntitySet;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.client.core.http.BasicAuthHttpClientFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reporting API (SPEC §6.7): an OData v4 feed at {@code /odata} that Excel and Power
 * BI read with a personal access token as the password of Basic with an empty user name;
 * query options become SQL over what the caller may see, and the feed pages itself.
 */
class ReportingApiIntegrationTests extends IntegrationTestSupport {

	private String key;

	private long story;

	private TestUser member;

	private String token;

	@BeforeEach
	void projectWithTime() {
		this.key = TestProjects.uniqueKey();
		admin().json().postJson("/api/v1/Projects", "{\"Key\": \"" + this.key + "\", \"Name\": \"Reports\"}");
		long projectId = admin().json().get("/api/v1/Projects/" + this.key).json().get("Id").asLong();
		this.story = admin().json()
			.postJson("/api/v1/UserStories", "{\"Name\": \"Feed\", \"Project\": {\"Id\": " + projectId + "}}")
			.json()
			.get("Id")
			.asLong();
		this.member = TestUsers.user(admin(), "reporter");
		admin().json()
			.postJson("/api/v1/Projects/" + this.key + "/Members", "{\"User\": {\"Id\": " + this.member.id() + "}}");
		for (int day = 0; day < 12; day++) {
			ApiResponse logged = this.member.client(anonymous())
				.json()
				.postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + this.story + "}, \"Date\": \""
						+ today().minusDays(day) + "\", \"Spent\": " + (day + 1) + "}");
			assertThat(logged.status()).as(logged.body()).isEqualTo(201);
		}
		this.token = this.member.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"Excel\", \"Scopes\": [\"reporting:read\"]}")
			.json()
			.get("Token")
			.asString();
	}

	@Test
	void olingoClientWhenReadingWithTokenAsBasicPasswordThenFollowsNextLinksToTheEnd() {
		ODataClient client = ODataClientFactory.getClient();
		client.getConfiguration().setHttpClientFactory(new BasicAuthHttpClientFactory("", this.token));
		URI first = client.newURIBuilder("http://localhost:" + this.port + "/odata")
			.appendEntitySetSegment("WorkLogs")
			.filter("ProjectKey eq '" + this.key + "'")
			.build();

		int pages = 0;
		double hours = 0;
		int rows = 0;
		for (URI next = first; next != null; pages++) {
			ClientEntitySet page = client.getRetrieveRequestFactory().getEntitySetRequest(next).execute().getBody();
			for (ClientEntity entity : page.getEntities()) {
				hours += Double.parseDouble(entity.getProperty("Hours").getValue().toString());
				rows++;
			}
			next = page.getNext();
		}

		assertThat(rows).isEqualTo(12);
		assertThat(pages).isEqualTo(3);
		assertThat(hours).as("1 + 2 + … + 12 hours, as in the database").isEqualTo(78.0);
	}

	@Test
	void queryOptionsWhenGivenThenFilteredSelectedSortedCountedInTheDatabase() {
		ApiClient excel = anonymous().basic("", this.token);
		String query = "/odata/WorkLogs?$filter=ProjectKey%20eq%20'" + this.key + "'%20and%20Hours%20ge%2010"
				+ "&$select=Id,Hours,Date&$orderby=Hours%20desc&$top=2&$count=true";

		JsonNode answer = excel.get(query).json();

		assertThat(answer.get("@odata.count").asInt()).isEqualTo(3);
		assertThat(answer.get("value")).hasSize(2);
		assertThat(answer.get("value").get(0).get("Hours").decimalValue()).isEqualByComparingTo("12");
		assertThat(answer.get("value").get(0).has("WorkItemName")).as("$select").isFalse();
		assertThat(answer.has("@odata.nextLink")).as("$top reached").isFalse();
		JsonNode paged = excel.get("/odata/WorkLogs?$filter=ProjectKey%20eq%20'" + this.key + "'&$top=7").json();
		assertThat(paged.get("value")).as("one page of 5").hasSize(5);
		String next = paged.get("@odata.nextLink").asString();
		JsonNode rest = excel.get(next.substring(next.indexOf("/odata"))).json();
		assertThat(rest.get("value")).as("the 2 left of $top=7").hasSize(2);
		assertThat(rest.has("@odata.nextLink")).isFalse();
		assertThat(excel.get("/odata/$metadata").body()).contains("EntitySet Name=\"WorkLogs\"")
			.contains("EntitySet Name=\"Budgets\"");
		assertThat(excel.get("/odata/WorkItems?$filter=contains(Name,'ee')&$count=true").json().get("value"))
			.isNotEmpty();
	}

	@Test
	void rootWhenAskedWithoutTheTrailingSlashThenServiceDocumentWithContextUrlsThatResolve() {
		ApiClient excel = anonymous().basic("", this.token);

		ApiResponse root = excel.get("/odata?$format=json");

		assertThat(root.status()).as("no redirect: %s", root.body()).isEqualTo(200);
		String context = root.json().get("@odata.context").asString();
		assertThat(context).endsWith("/odata/$metadata");
		assertThat(root.json().get("value").findValuesAsString("name")).contains("WorkLogs", "WorkItems", "Budgets");
		assertThat(excel.get(context.substring(context.indexOf("/odata"))).body())
			.contains("EntitySet Name=\"WorkLogs\"");
		assertThat(excel.get("/odata/?$format=json").json().get("value").findValuesAsString("name"))
			.contains("WorkLogs");
	}

	@Test
	void pageSizeWhenTheClientPrefersOneThenAppliedUpToTheServersAndSaidSo() {
		ApiClient excel = anonymous().basic("", this.token);
		String worklogs = "/odata/WorkLogs?$filter=ProjectKey%20eq%20'" + this.key + "'";

		ApiResponse small = excel.header("Prefer", "odata.maxpagesize=2").get(worklogs);
		ApiResponse large = excel.header("Prefer", "odata.maxpagesize=500").get(worklogs);
		ApiResponse nonsense = excel.header("Prefer", "odata.maxpagesize=many").get(worklogs);

		assertThat(small.json().get("value")).hasSize(2);
		assertThat(small.header("Preference-Applied")).hasValue("odata.maxpagesize=2");
		assertThat(small.json().has("@odata.nextLink")).isTrue();
		assertThat(large.json().get("value")).as("the server's page size").hasSize(REPORTING_PAGE_SIZE);
		assertThat(large.header("Preference-Applied")).hasValue("odata.maxpagesize=" + REPORTING_PAGE_SIZE);
		assertThat(nonsense.json().get("value")).hasSize(REPORTING_PAGE_SIZE);
		assertThat(nonsense.header("Preference-Applied")).isEmpty();
	}

	@Test
	void refreshWhenRowsAreInsertedAndDeletedBetweenPagesThenEveryLastingRowIsDeliveredExactlyOnce() {
		ApiClient excel = anonymous().basic("", this.token);
		ApiClient member = this.member.client(anonymous()).json();
		String feed = "/odata/WorkLogs?$filter=ProjectKey%20eq%20'" + this.key
				+ "'&$orderby=Hours%20desc&$select=Id,Hours";
		List<Long> before = new ArrayList<>();
		refresh(excel, feed, (page) -> page.forEach((row) -> before.add(row.get("Id").asLong())), () -> {
		});
		assertThat(before).hasSize(12);

		Map<Long, Integer> delivered = new HashMap<>();
		List<Long> deleted = new ArrayList<>();
		refresh(excel, feed, (page) -> page.forEach((row) -> delivered.merge(row.get("Id").asLong(), 1, Integer::sum)),
				() -> {
					if (deleted.isEmpty()) {
						// Between the first and the second page: two rows already read
						// go,
						// and two arrive, one before the position and one after it.
						for (long id : before.subList(0, 2)) {
							assertThat(member.delete("/api/v1/Times/" + id).status()).isEqualTo(204);
							deleted.add(id);
						}
						logTime(member, 30, "20");
						logTime(member, 31, "0.5");
					}
				});

		List<Long> lasting = new ArrayList<>(before);
		lasting.removeAll(deleted);
		assertThat(delivered).as("each lasting row once")
			.containsAllEntriesOf(lasting.stream().collect(java.util.stream.Collectors.toMap((id) -> id, (id) -> 1)));
		assertThat(delivered.values()).as("no row twice").allMatch((count) -> count == 1);
	}

	@Test
	void skiptokenWhenForgedOrMovedToAnotherQueryThenRefused() {
		ApiClient excel = anonymous().basic("", this.token);
		String feed = "/odata/WorkLogs?$filter=ProjectKey%20eq%20'" + this.key + "'";
		String next = excel.get(feed).json().get("@odata.nextLink").asString();
		String token = next.substring(next.indexOf("$skiptoken=") + "$skiptoken=".length());

		assertThat(excel.get(feed + "&$skiptoken=" + token).status()).isEqualTo(200);
		assertThat(excel.get(feed + "&$skiptoken=5").status()).isEqualTo(400);
		assertThat(excel.get(feed + "&$orderby=Hours&$skiptoken=" + token).status()).as("another query").isEqualTo(400);
		String forged = token.substring(0, token.indexOf('~')) + "0~" + token.substring(token.indexOf('~') + 1);
		assertThat(excel.get(feed + "&$skiptoken=" + forged).status()).isEqualTo(400);
	}

	private void logTime(ApiClient member, int daysAgo, String hours) {
		ApiResponse logged = member.postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + this.story
				+ "}, \"Date\": \"" + today().minusDays(daysAgo) + "\", \"Spent\": " + hours + "}");
		assertThat(logged.status()).as(logged.body()).isEqualTo(201);
	}

	/**
	 * Follows the feed's next links to the end, as Excel and Power BI do, running
	 * {@code between} after each page.
	 */
	private static void refresh(ApiClient client, String first, java.util.function.Consumer<JsonNode> page,
			Runnable between) {
		String next = first;
		for (int pages = 0; next != null; pages++) {
			assertThat(pages).as("pages of a 14-row refresh; stuck at %s", next).isLessThan(10);
			JsonNode answer = client.get(next).json();
			page.accept(answer.get("value"));
			between.run();
			next = answer.has("@odata.nextLink") ? answer.get("@odata.nextLink").asString() : null;
			next = (next != null) ? next.substring(next.indexOf("/odata")) : null;
		}
	}

	@Test
	void applyWhenGroupingAndAggregatingThenOneRowPerGroupComputedInTheDatabase() {
		ApiClient excel = anonymous().basic("", this.token);
		String month = "filter(ProjectKey%20eq%20'" + this.key + "'%20and%20Date%20ge%20" + today().minusDays(4) + ")";

		ApiResponse grouped = excel.get("/odata/WorkLogs?$apply=" + month
				+ "/groupby((ProjectKey,UserLogin),aggregate(Hours%20with%20sum%20as%20Total,$count%20as%20Entries,"
				+ "Hours%20with%20max%20as%20Longest))&$count=true");

		assertThat(grouped.status()).as(grouped.body()).isEqualTo(200);
		JsonNode row = grouped.json().get("value").get(0);
		assertThat(grouped.json().get("value")).hasSize(1);
		assertThat(grouped.json().get("@odata.count").asInt()).isEqualTo(1);
		assertThat(row.get("ProjectKey").asString()).isEqualTo(this.key);
		assertThat(row.get("UserLogin").asString()).isEqualTo(this.member.login());
		assertThat(row.get("Total").decimalValue()).as("1 + 2 + 3 + 4 + 5").isEqualByComparingTo("15");
		assertThat(row.get("Entries").asLong()).isEqualTo(5);
		assertThat(row.get("Longest").decimalValue()).isEqualByComparingTo("5");
		assertThat(row.has("Id")).as("a group is no work log").isFalse();
		JsonNode byDay = excel
			.get("/odata/WorkLogs?$apply=filter(ProjectKey%20eq%20'" + this.key
					+ "')/groupby((Date),aggregate(Hours%20with%20sum%20as%20Total))&$orderby=Total%20desc")
			.json();
		assertThat(byDay.get("value")).as("one page of 5 days").hasSize(5);
		assertThat(byDay.get("value").get(0).get("Total").decimalValue()).isEqualByComparingTo("12");
		assertThat(byDay.has("@odata.nextLink")).isTrue();
		JsonNode all = excel
			.get("/odata/WorkLogs?$apply=filter(ProjectKey%20eq%20'" + this.key
					+ "')/aggregate(Hours%20with%20sum%20as%20Total)")
			.json();
		assertThat(all.get("value").get(0).get("Total").decimalValue()).isEqualByComparingTo("78");
		assertThat(excel.get("/odata/WorkLogs?$apply=aggregate(Hours%20with%20sum%20as%20Total)&$count=true")
			.json()
			.get("@odata.count")
			.asInt()).as("one aggregate row").isEqualTo(1);
		assertThat(excel
			.get("/odata/WorkLogs?$apply=groupby((ProjectKey),aggregate(Hours%20with%20sum%20as%20projectkey))")
			.status()).as("an alias that differs only in case").isEqualTo(400);

		assertThat(excel.get("/odata/WorkLogs?$apply=groupby((Salary))").status()).isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$apply=groupby((ProjectKey))/filter(Hours%20gt%201)").status())
			.isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$apply=groupby((ProjectKey))&$filter=Hours%20gt%201").status())
			.isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$apply=groupby((ProjectKey))&$orderby=Hours").status()).isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$apply=aggregate(WorkItemName%20with%20sum%20as%20X)").status())
			.isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$apply=aggregate(UserId%20with%20sum%20as%20X)").status())
			.as("ids do not add up")
			.isEqualTo(400);
	}

	@Test
	void badQueriesWhenMalformedTooLargeOrUnknownThenODataErrorsWith4xx() {
		ApiClient excel = anonymous().basic("", this.token);

		ApiResponse tooLarge = excel.get("/odata/WorkLogs?$top=100000");
		ApiResponse unknown = excel.get("/odata/WorkLogs?$filter=Salary%20gt%201");
		ApiResponse malformed = excel.get("/odata/WorkLogs?$filter=Hours%20gt");
		ApiResponse unsupported = excel.get("/odata/WorkLogs?$filter=Hours%20add%201%20gt%202");

		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.json().get("error").get("message").asString()).contains("$top is at most");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(unsupported.status()).isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$orderby='Hours'").status()).isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$filter=ProjectKey%20eq%205").status()).isEqualTo(400);
		assertThat(excel.get("/odata/WorkLogs?$filter=Date%20gt%20'yesterday'").status()).isEqualTo(400);
	}

	@Test
	void feedWhenCallerRestrictedOrUnauthenticatedThenOnlyVisibleRowsOrRefused() {
		TestUser outsider = TestUsers.user(admin(), "outsider");
		String outsiderToken = outsider.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"Excel\"}")
			.json()
			.get("Token")
			.asString();

		JsonNode seen = anonymous().basic("", outsiderToken)
			.get("/odata/WorkLogs?$filter=ProjectKey%20eq%20'" + this.key + "'&$count=true")
			.json();
		assertThat(seen.get("@odata.count").asInt()).isZero();
		assertThat(anonymous().get("/odata/WorkLogs").status()).isEqualTo(401);
		assertThat(anonymous().basic("", "gpat_wrong").get("/odata").status()).isEqualTo(401);
		String narrow = this.member.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"profile\", \"Scopes\": [\"profile:read\"]}")
			.json()
			.get("Token")
			.asString();
		assertThat(anonymous().basic("", narrow).get("/odata/WorkLogs").status()).isEqualTo(403);
	}

	@Test
	void feedWhenOlingoCannotParseTheQueryOptionsThenBadRequestWithoutInternals() {
		// Found by ReportingFeedFuzzTests: Olingo's parser threw a NullPointerException,
		// answered 500 with the Java message.
		ApiResponse answer = anonymous().basic("", this.token)
			.json()
			.get("/odata/WorkLogs?%24orderby=Effqkrvice&%24apply=aggregate%28%40ilterkLo%29");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("cannot be read").doesNotContain("Cannot invoke").doesNotContain("java.");
	}

	@Test
	void csvExportWhenRequestedThenTheSameRowsStreamedWithAHeader() {
		ApiClient excel = anonymous().basic("", this.token);

		ApiResponse export = excel.get("/api/v1/Reporting/WorkLogs.csv?project=" + this.key.toLowerCase() + "&from="
				+ today().minusDays(5) + "&to=" + today());

		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("text/csv");
		String[] lines = export.body().split("\\R");
		assertThat(lines[0]).isEqualTo(
				"Id,Date,Hours,Description,Billable,UserId,UserLogin,WorkItemId,WorkItemName,ProjectId,ProjectKey");
		assertThat(lines).hasSize(1 + 6);
		double hours = java.util.Arrays.stream(lines)
			.skip(1)
			.mapToDouble((line) -> Double.parseDouble(line.split(",")[2]))
			.sum();
		assertThat(hours).as("1 + 2 + … + 6").isEqualTo(21.0);
		assertThat(excel.get("/api/v1/Reporting/Salaries.csv").status()).isEqualTo(404);
		assertThat(excel.get("/api/v1/Reporting/WorkItems.csv?from=" + today()).status()).isEqualTo(400);
		TestUser outsider = TestUsers.user(admin(), "outsider");
		assertThat(outsider.client(anonymous()).get("/api/v1/Reporting/WorkLogs.csv?project=" + this.key).body().trim())
			.as("the header alone")
			.doesNotContain("\n");
	}

	@Test
	void csvExportWhenTextStartsLikeAFormulaThenNeutralised() {
		this.member.client(anonymous())
			.json()
			.postJson("/api/v1/Times", "{\"UserStory\": {\"Id\": " + this.story + "}, \"Date\": \"" + today()
					+ "\", \"Spent\": 0.5, \"Description\": \"=HYPERLINK(\\\"http://evil\\\")\"}");

		String export = anonymous().basic("", this.token)
			.get("/api/v1/Reporting/WorkLogs.csv?project=" + this.key)
			.body();

		assertThat(export).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
