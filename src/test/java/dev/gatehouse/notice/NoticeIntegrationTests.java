package dev.gatehouse.notice;

import java.time.Duration;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestMailServer;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices: kept in the app, listed newest first to their person only, marked read once
 * the page showed them, and mailed.
 */
class NoticeIntegrationTests extends IntegrationTestSupport {

	@Test
	void noticeWhenServerRevokedATokenThenOnThePageInTheApiAndByMailToItsOwnerOnly() {
		TestUser user = TestUsers.user(admin(), "notice");
		TestUser other = TestUsers.user(admin(), "nonotice");
		ApiClient owner = user.client(anonymous()).json();
		ApiResponse created = owner.postJson("/api/v1/AccessTokens", "{\"Name\": \"report <b>\"}");
		long id = created.json().get("Id").asLong();
		ApiClient oldValue = anonymous().bearer(created.json().get("Token").asString());
		owner.postJson("/api/v1/AccessTokens/" + id + "/rotate", "{\"OverlapMinutes\": 0}");
		try {
			this.clock.advance(Duration.ofMinutes(2));
			assertThat(oldValue.get("/api/v1/Users/LoggedUser").status()).isEqualTo(401);
		}
		finally {
			this.clock.reset();
		}

		JsonNode notice = owner.get("/api/v1/Notices").json().get("Items").get(0);
		assertThat(notice.get("Subject").asString()).contains("report <b>");
		assertThat(notice.get("ReadDate").isNull()).isTrue();
		assertThat(other.client(anonymous()).json().get("/api/v1/Notices").json().get("Items")).isEmpty();
		ApiResponse page = signIn(user).get("/notices");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("report &lt;b&gt;").contains(oldValue.address()).doesNotContain("<b>\"");
		assertThat(owner.get("/api/v1/Notices").json().get("Items").get(0).get("ReadDate").isNull()).isFalse();
		assertThat(TestMailServer.mailsTo(user.email())).hasSize(1);
	}

}
