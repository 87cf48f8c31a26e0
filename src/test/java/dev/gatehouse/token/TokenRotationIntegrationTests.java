package dev.gatehouse.token;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

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
 * Rotation with overlap and reuse detection (issue 16): a job renews its own token
 * without breaking; a value replaced by a rotation that comes back revokes the token.
 */
class TokenRotationIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AuditLog audit;

	@Test
	void jobWhenItRotatesItsOwnTokenThenBothWorkUntilTheNewIsUsedAndReuseOfTheOldRevokesTheNew()
			throws MessagingException {
		TestUser user = TestUsers.user(admin(), "rotate");
		ApiResponse created = user.client(anonymous())
			.json()
			.postJson("/api/v1/AccessTokens", "{\"Name\": \"nightly\", \"Scopes\": [\"profile:read\"]}");
		long id = created.json().get("Id").asLong();
		ApiClient oldValue = anonymous().bearer(created.json().get("Token").asString());
		assertThat(oldValue.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);

		ApiResponse rotated = oldValue.json().method("POST", "/api/v1/AccessTokens/" + id + "/rotate");

		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		JsonNode token = rotated.json();
		String newToken = token.get("Token").asString();
		assertThat(newToken).startsWith("gpat_").isNotEqualTo(created.json().get("Token").asString());
		assertThat(token.get("Id").asLong()).isEqualTo(id);
		assertThat(token.get("Name").asString()).isEqualTo("nightly");
		assertThat(token.get("Scopes").toString()).isEqualTo("[\"profile:read\"]");
		assertThat(token.get("ExpirationDate").asString()).as("a token renewing itself keeps its expiry")
			.isEqualTo(created.json().get("ExpirationDate").asString());
		assertThat(token.has("PreviousValueRetireDate")).isTrue();
		ApiClient newValue = anonymous().bearer(newToken);
		assertThat(oldValue.get("/api/v1/Users/LoggedUser").status()).as("old value during the overlap").isEqualTo(200);
		assertThat(oldValue.json().method("POST", "/api/v1/AccessTokens/" + id + "/rotate").status())
			.as("a replaced value works but rotates nothing")
			.isEqualTo(403);
		assertThat(newValue.get("/api/v1/Users/LoggedUser").status()).as("new value, first use").isEqualTo(200);
		assertThat(oldValue.get("/api/v1/Users/LoggedUser").status()).as("old value after the new one was used")
			.isEqualTo(401);
		assertThat(newValue.get("/api/v1/Users/LoggedUser").status())
			.as("a request sent just before the switch is refused, and revokes nothing")
			.isEqualTo(200);
		try {
			this.clock.advance(Duration.ofMinutes(2));
			assertThat(oldValue.get("/api/v1/Users/LoggedUser").status()).as("reuse").isEqualTo(401);
			assertThat(newValue.get("/api/v1/Users/LoggedUser").status()).as("reuse revoked the token").isEqualTo(401);
		}
		finally {
			this.clock.reset();
		}
		assertThat(user.client(anonymous()).get("/api/v1/AccessTokens/" + id).status()).isEqualTo(404);
		this.audit.flush();
		assertThat(auditActions(user.id())).contains("TOKEN_ROTATED", "TOKEN_REUSE_DETECTED");
		List<MimeMessage> mails = TestMailServer.mailsTo(user.email());
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getSubject()).isEqualTo(
				"Gatehouse revoked your token #" + id + " \"nightly\" …" + newToken.substring(newToken.length() - 4));
		assertThat(TestMailServer.text(mails.get(0))).contains("From address: " + oldValue.address())
			.contains("rotated")
			.doesNotContain("http://", "https://");
		JsonNode notices = user.client(anonymous()).json().get("/api/v1/Notices").json().get("Items");
		assertThat(notices).hasSize(1);
		assertThat(notices.get(0).get("Subject").asString()).isEqualTo(mails.get(0).getSubject());
	}

	@Test
	void replacedValueWhenOverlapEndsUnusedThenRefusedAndTokenRevoked() {
		TestUser user = TestUsers.user(admin(), "overlap");
		ApiClient owner = user.client(anonymous()).json();
		ApiResponse created = owner.postJson("/api/v1/AccessTokens", "{\"Name\": \"report\"}");
		long id = created.json().get("Id").asLong();
		ApiClient oldValue = anonymous().bearer(created.json().get("Token").asString());

		ApiResponse rotated = owner.postJson("/api/v1/AccessTokens/" + id + "/rotate", "{\"OverlapMinutes\": 60}");
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		ApiClient newValue = anonymous().bearer(rotated.json().get("Token").asString());
		try {
			this.clock.advance(Duration.ofMinutes(59));
			assertThat(oldValue.get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
			this.clock.advance(Duration.ofMinutes(3));
			assertThat(oldValue.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
			assertThat(newValue.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void ownerWhenRotatingInPersonThenNewValueWorksAtOnceAndOldDuringOverlap() {
		TestUser user = TestUsers.user(admin(), "inperson");
		ApiClient owner = user.client(anonymous()).json();
		ApiResponse created = owner.postJson("/api/v1/AccessTokens", "{\"Name\": \"desktop\"}");
		long id = created.json().get("Id").asLong();

		ApiResponse rotated = owner.postJson("/api/v1/AccessTokens/" + id + "/rotate", "{}");

		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		assertThat(anonymous().bearer(created.json().get("Token").asString()).get("/api/v1/Users/LoggedUser").status())
			.isEqualTo(200);
		assertThat(owner.get("/api/v1/AccessTokens/" + id).json().has("Token")).isFalse();
		assertThat(owner.get("/api/v1/AccessTokens/" + id).json().get("RotatedDate")).isNotNull();
	}

	@Test
	void lifetimeWhenRotatedByItselfThenInPersonLaterThenTheOriginalLifetimeFromThatDay() {
		TestUser user = TestUsers.user(admin(), "lifetime");
		ApiClient owner = user.client(anonymous()).json();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		ApiResponse created = owner.postJson("/api/v1/AccessTokens",
				"{\"Name\": \"monthly\", \"ExpirationDate\": \"" + today.plusDays(30) + "\"}");
		long id = created.json().get("Id").asLong();
		ApiClient job = anonymous().bearer(created.json().get("Token").asString());
		try {
			this.clock.advance(Duration.ofDays(10));
			ApiResponse byItself = job.json().method("POST", "/api/v1/AccessTokens/" + id + "/rotate");
			assertThat(byItself.json().get("ExpirationDate").asString()).isEqualTo(today.plusDays(30).toString());
			this.clock.advance(Duration.ofDays(10));

			ApiResponse inPerson = owner.postJson("/api/v1/AccessTokens/" + id + "/rotate", "{}");

			assertThat(inPerson.json().get("ExpirationDate").asString()).as("30 days from the day of this rotation")
				.isEqualTo(today.plusDays(50).toString());
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void rotateWhenTokenOfSomeoneElseExpiredOrAnotherTokenOrOverlapOutOfRangeThenRefused() {
		TestUser ann = TestUsers.user(admin(), "rotann");
		TestUser bob = TestUsers.user(admin(), "rotbob");
		ApiClient annClient = ann.client(anonymous()).json();
		ApiResponse annToken = annClient.postJson("/api/v1/AccessTokens", "{\"Name\": \"a\"}");
		long annId = annToken.json().get("Id").asLong();
		String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		ApiResponse shortLived = annClient.postJson("/api/v1/AccessTokens",
				"{\"Name\": \"short\", \"ExpirationDate\": \"" + tomorrow + "\"}");
		ApiResponse other = annClient.postJson("/api/v1/AccessTokens", "{\"Name\": \"other\"}");

		assertThat(bob.client(anonymous()).json().postJson("/api/v1/AccessTokens/" + annId + "/rotate", "{}").status())
			.as("someone else's")
			.isEqualTo(404);
		assertThat(admin().json().postJson("/api/v1/AccessTokens/" + annId + "/rotate", "{}").status())
			.as("an administrator rotates no one else's")
			.isEqualTo(404);
		ApiResponse byOtherToken = anonymous().bearer(other.json().get("Token").asString())
			.json()
			.postJson("/api/v1/AccessTokens/" + annId + "/rotate", "{}");
		assertThat(byOtherToken.status()).as("another token of the owner").isEqualTo(403);
		ApiResponse outOfRange = annClient.postJson("/api/v1/AccessTokens/" + annId + "/rotate",
				"{\"OverlapMinutes\": 20000}");
		assertThat(outOfRange.status()).isEqualTo(400);
		assertThat(outOfRange.body()).contains("OverlapMinutes");
		assertThat(annClient.postJson("/api/v1/AccessTokens/" + annId + "/rotate", "{\"OverlapMinutes\": -1}").status())
			.isEqualTo(400);
		try {
			this.clock.advance(Duration.ofDays(2));
			ApiResponse expired = annClient
				.postJson("/api/v1/AccessTokens/" + shortLived.json().get("Id").asLong() + "/rotate", "{}");
			assertThat(expired.status()).as(expired.body()).isEqualTo(409);
		}
		finally {
			this.clock.reset();
		}
		assertThat(anonymous().bearer(annToken.json().get("Token").asString()).get("/api/v1/Users/LoggedUser").status())
			.as("refused rotations changed nothing")
			.isEqualTo(200);
	}

	@Test
	void projectTokenWhenItRotatesItselfThenCiUploadsWithTheNewValueAndTheOldStops() {
		String key = TestProjects.project(admin());
		String value = TestProjects.projectToken(admin(), key, LocalDate.now(ZoneOffset.UTC).plusDays(30));
		ApiClient ci = anonymous().bearer(value);
		long id = admin().json().get(TestProjects.tokens(key)).json().get("Items").get(0).get("Id").asLong();

		ApiResponse rotated = ci.json().method("POST", TestProjects.tokens(key) + "/" + id + "/rotate");

		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		ApiClient renewed = anonymous().bearer(rotated.json().get("Token").asString());
		assertThat(TestProjects.upload(ci, key).status()).as("old value during the overlap").isEqualTo(201);
		assertThat(ci.json().method("POST", TestProjects.tokens(key) + "/" + id + "/rotate").status())
			.as("a replaced value rotates nothing")
			.isEqualTo(403);
		assertThat(TestProjects.upload(renewed, key).status()).isEqualTo(201);
		assertThat(TestProjects.upload(ci, key).status()).isEqualTo(401);
		try {
			this.clock.advance(Duration.ofMinutes(2));
			assertThat(TestProjects.upload(ci, key).status()).isEqualTo(401);
			assertThat(TestProjects.upload(renewed, key).status()).as("reuse revoked the token").isEqualTo(401);
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void projectTokenWhenRotatingAnotherTokenOrReadingThenForbidden() {
		String key = TestProjects.project(admin());
		LocalDate expiry = LocalDate.now(ZoneOffset.UTC).plusDays(30);
		String first = TestProjects.projectToken(admin(), key, expiry);
		TestProjects.projectToken(admin(), key, expiry);
		JsonNode items = admin().json().get(TestProjects.tokens(key)).json().get("Items");
		ApiClient ci = anonymous().bearer(first);
		long firstId = items.get(0).get("Id").asLong();
		long secondId = items.get(1).get("Id").asLong();

		assertThat(ci.json().method("POST", TestProjects.tokens(key) + "/" + secondId + "/rotate").status())
			.isEqualTo(403);
		assertThat(ci.json().get(TestProjects.tokens(key) + "/" + firstId).status()).isEqualTo(403);
	}

	private List<String> auditActions(long subjectId) {
		return this.jdbc.sql("select action from audit_events where subject_id = :id order by id")
			.param("id", subjectId)
			.query(String.class)
			.list();
	}

}
