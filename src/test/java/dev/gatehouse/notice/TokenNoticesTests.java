package dev.gatehouse.notice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a notice says of the client that presented a token: anyone chooses it, so nothing
 * in it may become a link.
 */
class TokenNoticesTests {

	@Test
	void clientWhenItCarriesLinksThenDefangedAndVersionsKept() {
		assertThat(TokenNotices.client("Mozilla/5.0 (+https://evil.example/review) Java-http-client/17.0.15"))
			.isEqualTo("Mozilla/5.0 (+https[:]//evil[.]example/review) Java-http-client/17.0.15");
		assertThat(TokenNotices.client("see www.evil.io now")).isEqualTo("see www[.]evil[.]io now");
		assertThat(TokenNotices.client(null)).isEqualTo("(none sent)");
		assertThat(TokenNotices.client("x".repeat(300))).hasSize(121);
	}

}
