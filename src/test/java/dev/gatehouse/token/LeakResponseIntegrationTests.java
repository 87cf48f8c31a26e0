package dev.gatehouse.token;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestMailServer;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import dev.gatehouse.audit.AuditLog;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leak response (issue 16): anyone reports token values found in a public place, every
 * live one is revoked and its owner told, and the answer says nothing about the values;
 * administrators ask what a value is.
 */
class LeakResponseIntegrationTests extends IntegrationTestSupport {

	private static final String REVOKE = "/api/v1/AccessTokens/revoke";

	private static final String LOOKUP = "/api/v1/AccessTokens/lookup";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AuditLog audit;

	@Test
	void reportWhenValuesHoldLiveTokensThenEachRevokedItsOwnerToldAndTheAnswerTheSameAsForGarbage()
			throws MessagingException {
		TestUser ann = TestUsers.user(admin(), "leakann");
		TestUser bob = TestUsers.user(admin(), "leakbob");
		String personal = TestProjects.personalToken(ann.client(anonymous()), "{\"Name\": \"pasted in a gist\"}");
		String key = TestProjects.project(admin());
		String project = TestProjects.projectToken(admin(), key, LocalDate.now(ZoneOffset.UTC).plusDays(30));
		String service = TestProjects.serviceToken(bob.client(anonymous()));
		String mistyped = personal.substring(0, 10) + (personal.charAt(10) == 'a' ? 'b' : 'a') + personal.substring(11);

		ApiClient reporter = anonymous().json();
		ApiResponse report = reporter.postJson(REVOKE, "{\"Tokens\": [\"" + personal + "\", \"not a token\", \""
				+ mistyped + "\", \"" + project + "\", \"" + service + "\", \"" + "x".repeat(300) + "\"]}");
		ApiResponse garbage = anonymous().json().postJson(REVOKE, "{\"Tokens\": [\"not a token\"]}");

		assertThat(report.status()).isEqualTo(202);
		assertThat(garbage.status()).isEqualTo(202);
		assertThat(report.body()).isEqualTo(garbage.body()).isEmpty();
		assertThat(anonymous().bearer(personal).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		assertThat(TestProjects.upload(anonymous().bearer(project), key).status()).isEqualTo(401);
		assertThat(anonymous().get("/api/v1/Users/LoggedUser?token=" + service).status()).isEqualTo(401);
		assertThat(bob.client(anonymous()).get("/api/v1/Users/LoggedUser").status()).as("the password still works")
			.isEqualTo(200);
		List<MimeMessage> mails = TestMailServer.mailsTo(ann.email());
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getSubject()).contains("pasted in a gist");
		assertThat(TestMailServer.text(mails.get(0))).contains("reported as leaked")
			.contains("From address: " + reporter.address());
		assertThat(TestMailServer.mailsTo(bob.email())).hasSize(1);
		this.audit.flush();
		assertThat(this.jdbc
			.sql("select count(*) from audit_events where action = 'TOKEN_LEAK_REPORTED' and subject_id = :id")
			.param("id", ann.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void reportWhenGitHubsShapeOrAnInvalidCredentialAlongThenStillAccepted() {
		TestUser user = TestUsers.user(admin(), "leakgh");
		String personal = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"scanner\"}");

		ApiResponse report = anonymous().bearer("gpat_garbage")
			.json()
			.postJson(REVOKE, "{\"credentials\": [\"" + personal + "\"]}");

		assertThat(report.status()).isEqualTo(202);
		assertThat(anonymous().bearer(personal).get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
	}

	@Test
	void reportWhenTooManyValuesEmptyOrMalformedThenRefusedAndNothingRevoked() {
		TestUser user = TestUsers.user(admin(), "leakbig");
		String personal = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"kept\"}");
		List<String> values = new ArrayList<>();
		values.add("\"" + personal + "\"");
		for (int i = 0; i < 1000; i++) {
			values.add("\"v" + i + "\"");
		}

		ApiResponse tooMany = anonymous().json().postJson(REVOKE, "{\"Tokens\": [" + String.join(",", values) + "]}");

		assertThat(tooMany.status()).isEqualTo(413);
		assertThat(tooMany.json().get("Message").asString()).contains("1000");
		assertThat(anonymous().json().postJson(REVOKE, "{\"Tokens\": []}").status()).isEqualTo(400);
		assertThat(anonymous().json().postJson(REVOKE, "{}").status()).isEqualTo(400);
		assertThat(anonymous().json().postJson(REVOKE, "{\"Tokens\": {\"a\": 1}}").status()).isEqualTo(400);
		assertThat(anonymous().json().postJson(REVOKE, "not json").status()).isEqualTo(400);
		assertThat(anonymous().bearer(personal).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
	}

	@Test
	void reportWhenAnAddressSendsTooManyThen429WithRetryAfter() {
		ApiClient scanner = anonymous().json();
		for (int i = 0; i < 10; i++) {
			assertThat(scanner.postJson(REVOKE, "{\"Tokens\": [\"v\"]}").status()).isEqualTo(202);
		}

		ApiResponse limited = scanner.postJson(REVOKE, "{\"Tokens\": [\"v\"]}");

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).isPresent();
		assertThat(anonymous().json().postJson(REVOKE, "{\"Tokens\": [\"v\"]}").status()).as("another address")
			.isEqualTo(202);
	}

	@Test
	void lookUpPageWhenAdministratorPastesAValueThenTheTokenShownAndTheValueNowhere() {
		TestUser user = TestUsers.user(admin(), "lookpage");
		String value = TestProjects.personalToken(user.client(anonymous()), "{\"Name\": \"on a wiki\"}");
		ApiClient browser = signIn("admin", ADMIN_PASSWORD);

		ApiResponse found = browser.submitForm("/admin/access-tokens/lookup", csrf(browser, "/admin/access-tokens"),
				Map.of("value", value));
		ApiResponse none = browser.submitForm("/admin/access-tokens/lookup", csrf(browser, "/admin/access-tokens"),
				Map.of("value", "gpat_nothing"));

		assertThat(found.status()).isEqualTo(200);
		assertThat(found.body()).contains("lookup-result")
			.contains(user.login())
			.contains("on a wiki")
			.doesNotContain(value);
		assertThat(none.body()).contains("No live token has this value").doesNotContain("lookup-result");
	}

	@Test
	void lookUpWhenAdministratorPastesAValueThenThatTokenOnlyAndAudited() {
		TestUser user = TestUsers.user(admin(), "lookup");
		ApiClient owner = user.client(anonymous()).json();
		ApiResponse created = owner.postJson("/api/v1/AccessTokens",
				"{\"Name\": \"found in a log\", \"Scopes\": [\"time:read\"]}");
		String old = created.json().get("Token").asString();
		String current = owner.postJson("/api/v1/AccessTokens/" + created.json().get("Id").asLong() + "/rotate", "{}")
			.json()
			.get("Token")
			.asString();

		JsonNode found = admin().json().postJson(LOOKUP, "{\"Token\": \"" + current + "\"}").json();
		JsonNode replaced = admin().json().postJson(LOOKUP, "{\"Token\": \"" + old + "\"}").json();

		assertThat(found.get("Kind").asString()).isEqualTo("PERSONAL");
		assertThat(found.get("Name").asString()).isEqualTo("found in a log");
		assertThat(found.get("User").get("Login").asString()).isEqualTo(user.login());
		assertThat(found.get("Scopes").toString()).isEqualTo("[\"time:read\"]");
		assertThat(found.has("ReplacedValueRetireDate")).isFalse();
		assertThat(found.toString()).doesNotContain(current);
		assertThat(replaced.get("ReplacedValueRetireDate")).isNotNull();
		assertThat(admin().json().postJson(LOOKUP, "{\"Token\": \"gpat_unknown\"}").status()).isEqualTo(404);
		assertThat(owner.postJson(LOOKUP, "{\"Token\": \"" + current + "\"}").status()).isEqualTo(403);
		String service = TestProjects.serviceToken(user.client(anonymous()));
		JsonNode serviceFound = admin().json().postJson(LOOKUP, "{\"Token\": \"" + service + "\"}").json();
		assertThat(serviceFound.get("Kind").asString()).isEqualTo("SERVICE");
		assertThat(serviceFound.get("User").get("Login").asString()).isEqualTo(user.login());
		assertThat(anonymous().bearer(current).get("/api/v1/Times").status()).as("a look-up revokes nothing")
			.isEqualTo(200);
	}

}
