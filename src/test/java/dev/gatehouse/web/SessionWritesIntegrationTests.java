package dev.gatehouse.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.StatementRecorder;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page view writes to the session store: nothing, while the session is unchanged
 * and its expiry need not move (issue 13).
 */
class SessionWritesIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private StatementRecorder statements;

	@Test
	void pageViewsWhenTheSessionIsUnchangedThenWriteNothingToTheSessionStore() {
		ApiClient browser = signIn(TestUsers.user(admin(), "session-writes"));
		assertThat(browser.get("/").status()).isEqualTo(200);

		List<String> sql = this.statements.duringRequests(() -> {
			for (int i = 0; i < 3; i++) {
				assertThat(browser.get("/").status()).isEqualTo(200);
				assertThat(browser.get("/settings/authentication-and-security").status()).isEqualTo(200);
			}
		});

		assertThat(sql).filteredOn(SessionWritesIntegrationTests::readsSessions).isNotEmpty();
		assertThat(sql).filteredOn(SessionWritesIntegrationTests::writesSessions).isEmpty();
	}

	@Test
	void signOutWhenTheSessionEndsThenItIsDeletedFromTheStore() {
		ApiClient browser = signIn(TestUsers.user(admin(), "session-end"));
		String csrf = csrf(browser, "/");

		List<String> sql = this.statements
			.duringRequests(() -> assertThat(browser.submitForm("/logout", csrf, Map.of()).status()).isEqualTo(302));

		assertThat(sql).filteredOn(SessionWritesIntegrationTests::writesSessions).isNotEmpty();
		assertThat(browser.get("/").status()).isEqualTo(302);
	}

	@Test
	void signInWhenTheBrowserAlreadyHasASessionThenANewIdAndTheOldOneNoLongerWorks() {
		TestUsers.TestUser user = TestUsers.user(admin(), "session-fixation");
		ApiClient browser = signIn(user);
		String before = browser.sessionCookie();

		ApiResponse again = browser.submitForm("/login", csrf(browser, "/"),
				Map.of("username", user.login(), "password", user.password()));

		assertThat(again.status()).isEqualTo(302);
		assertThat(browser.sessionCookie()).isNotNull().isNotEqualTo(before);
		assertThat(browser.get("/").status()).isEqualTo(200);
		assertThat(anonymous().header("Cookie", "SESSION=" + before).get("/").status()).isEqualTo(302);
	}

	private static boolean readsSessions(String sql) {
		String text = sql.trim().toLowerCase(Locale.ROOT);
		return text.startsWith("select") && text.contains("spring_session");
	}

	private static boolean writesSessions(String sql) {
		String text = sql.trim().toLowerCase(Locale.ROOT);
		return (text.startsWith("update") || text.startsWith("insert") || text.startsWith("delete"))
				&& text.contains("spring_session");
	}

}
