package dev.gatehouse.api;

import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §7: formats, envelopes, paging, filters, ordering, paths and error bodies, as
 * every resource shares them.
 */
class ApiConventionsIntegrationTests extends IntegrationTestSupport {

	@Test
	void loggedUserWhenNoFormatAskedThenXmlShapedLikeTargetprocess() {
		ApiResponse response = admin().get("/api/v1/Users/LoggedUser");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/xml");
		assertThat(response.xpath("/User/@ResourceType")).isEqualTo("User");
		assertThat(response.xpath("/User/@Id")).isNotBlank();
		assertThat(response.xpath("/User/Kind")).isEqualTo("User");
		assertThat(response.xpath("/User/Login")).isEqualTo("admin");
		assertThat(response.xpath("/User/IsActive")).isEqualTo("true");
		assertThat(response.xpath("/User/IsAdministrator")).isEqualTo("true");
		assertThat(response.xpath("/User/DeleteDate/@nil")).isEqualTo("true");
		assertThat(response.xpath("/User/Locale")).isEqualTo("en");
		assertThat(response.xpath("/User/Role/@ResourceType")).isEqualTo("Role");
		assertThat(response.xpath("/User/Role/@Name")).isNotBlank();
		assertThat(response.xpath("/User/CreateDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(response.body()).doesNotContain("Password").doesNotContain("password");
	}

	@Test
	void loggedUserWhenFormatJsonOrAcceptJsonThenSameFieldsInJson() {
		JsonNode byParameter = admin().get("/api/v1/Users/LoggedUser?format=json").json();
		JsonNode byHeader = admin().json().get("/api/v1/Users/LoggedUser").json();

		assertThat(byParameter).isEqualTo(byHeader);
		assertThat(byParameter.get("ResourceType").asString()).isEqualTo("User");
		assertThat(byParameter.get("Login").asString()).isEqualTo("admin");
		assertThat(byParameter.get("DeleteDate").isNull()).isTrue();
		assertThat(byParameter.get("Role").get("Id").asLong()).isPositive();
		assertThat(byParameter.has("Password")).isFalse();
	}

	@Test
	void formatParameterWhenGivenThenWinsOverAcceptHeader() {
		ApiResponse response = admin().json().get("/api/v1/Users/LoggedUser?format=xml");

		assertThat(response.contentType()).startsWith("application/xml");
	}

	@Test
	void pathsWhenDifferentCaseOrTrailingSlashThenSameResource() {
		assertThat(admin().get("/api/v1/users/loggeduser").xpath("/User/Login")).isEqualTo("admin");
		assertThat(admin().get("/API/V1/USERS/LOGGEDUSER/").xpath("/User/Login")).isEqualTo("admin");
		assertThat(admin().get("/api/v1/Users/").status()).isEqualTo(200);
	}

	@Test
	void pathsWhenDifferentCaseThenStillBehindApiAuthentication() {
		ApiResponse response = anonymous().get("/API/v1/Users/LoggedUser/");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isPresent();
	}

	@Test
	void collectionWhenMoreItemsThanTakeThenEnvelopeWithNextAndPrevLinks() {
		String prefix = unique("page");
		for (int i = 0; i < 3; i++) {
			createUser(prefix + "x" + i);
		}
		String filter = "where=(Login%20contains%20'" + prefix + "')";

		JsonNode first = admin().json().get("/api/v1/Users?take=2&" + filter + "&orderBy=Login").json();
		assertThat(first.get("Items")).hasSize(2);
		assertThat(first.has("Prev")).isFalse();
		assertThat(first.get("Next").asString()).contains("skip=2").contains("take=2");

		String next = first.get("Next").asString().replaceFirst("^http://localhost:\\d+", "");
		JsonNode second = admin().json().get(next).json();
		assertThat(second.get("Items")).hasSize(1);
		assertThat(second.get("Items").get(0).get("Login").asString()).isEqualTo(prefix + "x2");
		assertThat(second.get("Prev").asString()).contains("skip=0");
		assertThat(second.has("Next")).isFalse();
	}

	@Test
	void collectionWhenXmlThenLinksAreAttributesAndItemsAreElements() {
		String prefix = unique("xmlpage");
		createUser(prefix + "a");
		createUser(prefix + "b");

		ApiResponse response = admin()
			.get("/api/v1/Users?take=1&where=(Login%20contains%20'" + prefix + "')&orderBy=Login");

		assertThat(response.xpath("count(/Users/User)")).isEqualTo("1");
		assertThat(response.xpath("/Users/@Next")).contains("skip=1");
		assertThat(response.xpath("/Users/User/Login")).isEqualTo(prefix + "a");
	}

	@Test
	void takeWhenOutOfRangeOrNotANumberThenBadRequest() {
		assertThat(admin().get("/api/v1/Users?take=-1").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?take=0").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?take=1001").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?take=ten").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?skip=-5").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?take=-1").xpath("/Error/Message")).contains("take");
		assertThat(admin().get("/api/v1/Users?take=1000").status()).isEqualTo(200);
	}

	@Test
	void whereWhenOperatorsCombinedThenOnlyMatchingItems() {
		String prefix = unique("where");
		createUser(prefix + "ann");
		createUser(prefix + "bob");
		long carol = createUser(prefix + "carol");

		assertThat(logins("(Login%20contains%20'" + prefix + "')%20and%20(Login%20ne%20'" + prefix + "bob')"))
			.containsExactly(prefix + "ann", prefix + "carol");
		assertThat(logins("(Login%20in%20('" + prefix + "ann','" + prefix.toUpperCase() + "BOB'))"))
			.containsExactly(prefix + "ann", prefix + "bob");
		assertThat(logins("(Id%20gte%20" + carol + ")%20and%20(Login%20contains%20'" + prefix + "')"))
			.containsExactly(prefix + "carol");
		assertThat(logins("(Login%20eq%20'" + prefix + "ANN')")).containsExactly(prefix + "ann");
		assertThat(logins("(Login%20contains%20'" + prefix + "')%20and%20(Email%20is%20null)")).hasSize(3);
		assertThat(logins("(Login%20contains%20'" + prefix + "')%20and%20(Email%20is%20not%20null)")).isEmpty();
		assertThat(logins("((Login%20contains%20'" + prefix + "')%20and%20(IsActive%20eq%20true))")).hasSize(3);
		assertThat(logins("(Login%20contains%20'" + prefix + "')%20and%20(CreateDate%20gt%20'2000-01-01')")).hasSize(3);
	}

	@Test
	void whereWhenLiteralLooksLikeSqlThenItIsOnlyALiteral() {
		ApiResponse response = admin().json().get("/api/v1/Users?where=(Login%20eq%20'x''%20or%20''1''=''1')");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("Items")).isEmpty();
		assertThat(admin().get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
	}

	@Test
	void whereWhenUnknownFieldOrMalformedThenBadRequestNamingTheProblem() {
		ApiResponse unknown = admin().json().get("/api/v1/Users?where=(Password%20eq%20'x')");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("Message").asString()).contains("Password").contains("known fields");

		assertThat(admin().get("/api/v1/Users?where=(Login%20eq%20'unterminated)").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?where=(Login%20like%20'x')").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?where=(Id%20eq%20'text')").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?where=(Login%20eq%20'a')%20or%20(Login%20eq%20'b')").status())
			.isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?where=(IsActive%20gt%20true)").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?where=" + "(".repeat(20) + "Id%20eq%201" + ")".repeat(20)).status())
			.isEqualTo(400);
	}

	@Test
	void orderByWhenAscendingOrDescendingThenSorted() {
		String prefix = unique("order");
		createUser(prefix + "b");
		createUser(prefix + "a");
		createUser(prefix + "c");
		String filter = "where=(Login%20contains%20'" + prefix + "')";

		assertThat(loginsOf(admin().json().get("/api/v1/Users?" + filter + "&orderBy=Login").json()))
			.containsExactly(prefix + "a", prefix + "b", prefix + "c");
		assertThat(loginsOf(admin().json().get("/api/v1/Users?" + filter + "&orderByDesc=Login").json()))
			.containsExactly(prefix + "c", prefix + "b", prefix + "a");
		assertThat(admin().get("/api/v1/Users?orderBy=Nonsense").status()).isEqualTo(400);
	}

	@Test
	void unknownPathWhenApiThenNotFoundInApiFormat() {
		ApiResponse response = admin().json().get("/api/v1/NoSuchResource");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("Status").asString()).isEqualTo("NotFound");
	}

	@Test
	void wrongMethodOrMediaTypeThenClearErrorInApiFormat() {
		ApiResponse wrongMethod = admin().method("PUT", "/api/v1/Users");
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.xpath("/Error/Status")).isEqualTo("MethodNotAllowed");

		ApiResponse wrongType = admin().post("/api/v1/Users", "text/plain", "Login=x");
		assertThat(wrongType.status()).isEqualTo(415);
		assertThat(wrongType.xpath("/Error/Message")).contains("application/json");
	}

	@Test
	void bodyWhenMalformedJsonOrXmlThenBadRequestAndNothingWritten() {
		String login = unique("malformed");

		assertThat(admin().postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", ").status()).isEqualTo(400);
		assertThat(admin().postXml("/api/v1/Users", "<User><Login>" + login + "</Login>").status()).isEqualTo(400);
		assertThat(admin().postJson("/api/v1/Users", "").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/Users?where=(Login%20eq%20'" + login + "')").xpath("count(/Users/User)"))
			.isEqualTo("0");
	}

	@Test
	void bodyWhenLargerThanTheLimitThenPayloadTooLargeAndNothingWritten() {
		String login = unique("huge");
		// Whitespace, which the JSON parser skips without a limit of its own.
		String body = "{\"Login\": \"" + login + "\"," + " ".repeat(2 * 1024 * 1024) + "}";

		ApiResponse declared = admin().json().postJson("/api/v1/Users", body);
		ApiResponse chunked = admin().json()
			.postStream("/api/v1/Users", "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertThat(declared.status()).as(declared.body()).isEqualTo(413);
		assertThat(declared.json().get("Message").asString()).contains("larger than");
		assertThat(chunked.status()).isEqualTo(413);
		assertThat(admin().json().get("/api/v1/Users?where=(Login%20eq%20'" + login + "')").json().get("Items"))
			.isEmpty();
	}

	@Test
	void bodyWhenXmlDeclaresExternalEntityThenRefused() {
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE u [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				+ "<User><Login>&x;</Login><Password>password-123</Password></User>";

		ApiResponse response = admin().postXml("/api/v1/Users", xml);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("root:");
	}

	@Test
	void bodyWhenUnknownOrReadOnlyFieldThenBadRequestNamingIt() {
		ApiResponse unknown = admin().json()
			.postJson("/api/v1/Users", "{\"Login\": \"" + unique("ro") + "\", \"CreateDate\": \"2020-01-01\"}");

		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("Message").asString()).contains("CreateDate");
	}

	@Test
	void bodyWhenXmlThenCreatesLikeJson() {
		String login = unique("xmlbody");

		ApiResponse created = admin().postXml("/api/v1/Users",
				"<User><Login>" + login + "</Login><Password>password-123</Password>"
						+ "<FirstName>Xml</FirstName><IsActive>true</IsActive></User>");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.xpath("/User/Login")).isEqualTo(login);
		assertThat(created.xpath("/User/FirstName")).isEqualTo("Xml");
	}

	@Test
	void errorsWhenAnythingFailsThenNoStackTraceInBody() {
		for (String path : new String[] { "/api/v1/Users/notanumber", "/api/v1/Users?where=((", "/api/v1/Nope" }) {
			ApiResponse response = admin().get(path);
			assertThat(response.status()).isBetween(400, 499);
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.gatehouse");
		}
	}

	@Test
	void inputWhenCharactersXmlCannotCarryThenBadRequestInBothFormats() {
		ApiResponse emoji = admin().get("/api/v1/Users?where="
				+ java.net.URLEncoder.encode("\uD83D\uDE00", java.nio.charset.StandardCharsets.UTF_8));
		assertThat(emoji.status()).isEqualTo(400);
		assertThat(emoji.xpath("/Error/Status")).isEqualTo("BadRequest");

		ApiResponse farDate = admin().get("/api/v1/Users?where=" + java.net.URLEncoder
			.encode("CreateDate gt '-999999999-01-01T00:00:00+18:00'", java.nio.charset.StandardCharsets.UTF_8));
		assertThat(farDate.status()).isEqualTo(400);

		ApiResponse control = admin().postJson("/api/v1/Users",
				"{\"Login\": \"" + unique("ctl") + "\", \"FirstName\": \"a\\u0001b\"}");
		assertThat(control.status()).isEqualTo(400);
		assertThat(control.xpath("/Error/Message")).contains("FirstName");

		ApiResponse lone = admin().postJson("/api/v1/Users",
				"{\"Login\": \"" + unique("sur") + "\", \"LastName\": \"\\ud800\"}");
		assertThat(lone.status()).isEqualTo(400);

		ApiResponse locale = admin().postJson("/api/v1/Users",
				"{\"Login\": \"" + unique("loc") + "\", \"Locale\": \"abc-12345678-12345678\"}");
		assertThat(locale.status()).isEqualTo(400);
		assertThat(locale.xpath("/Error/Message")).contains("Locale");
	}

	@Test
	void collectionLinksWhenTokenInQueryThenLinksNeverCarryIt() {
		String token = TestProjects.createToken(admin(), "{\"Name\": \"links\"}");

		ApiResponse page = anonymous().json().get("/api/v1/Users?take=1&access_token=" + token);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().get("Next").asString()).contains("take=1")
			.doesNotContain(token)
			.doesNotContain("access_token");
		ApiResponse encoded = anonymous().json().get("/api/v1/Users?take=1&access%5Ftoken=" + token);
		assertThat(encoded.status()).as("the encoded name still authenticates").isEqualTo(200);
		assertThat(encoded.json().get("Next").asString()).doesNotContain(token);
	}

	private long createUser(String login) {
		ApiResponse created = admin().json()
			.postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", \"Password\": \"password-123\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("Id").asLong();
	}

	private java.util.List<String> logins(String where) {
		ApiResponse response = admin().json().get("/api/v1/Users?orderBy=Login&where=" + where);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return loginsOf(response.json());
	}

	private static java.util.List<String> loginsOf(JsonNode collection) {
		java.util.List<String> logins = new java.util.ArrayList<>();
		collection.get("Items").forEach((item) -> logins.add(item.get("Login").asString()));
		return logins;
	}

}
