package dev.gatehouse.trustedci;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which tokens a trusted CI identity trusts: its audience among the token's, and every
 * claim rule matched by a single value, exactly or with {@code *} for any characters.
 */
class TrustedCiIdentityTests {

	private static final TrustedCiIdentity RELEASES = new TrustedCiIdentity(1, 2, "SHOP", "releases",
			"https://ci.example.com", "https://ci.example.com/keys", "gatehouse",
			Map.of("repository", "acme/shop", "ref", "refs/tags/v*"), Instant.EPOCH, null);

	@Test
	void trustsWhenAudienceAndEveryClaimMatchThenTrue() {
		assertThat(RELEASES.trusts(List.of("other", "gatehouse"),
				Map.of("repository", "acme/shop", "ref", "refs/tags/v1.2", "run_id", "7")))
			.isTrue();
	}

	@Test
	void trustsWhenAudienceMissingOrOtherThenFalse() {
		assertThat(RELEASES.trusts(List.of("gatehouse-staging"),
				Map.of("repository", "acme/shop", "ref", "refs/tags/v1.2")))
			.isFalse();
		assertThat(RELEASES.trusts(null, Map.of("repository", "acme/shop", "ref", "refs/tags/v1.2"))).isFalse();
	}

	@Test
	void trustsWhenAClaimMissingOrDifferentThenFalse() {
		assertThat(RELEASES.trusts(List.of("gatehouse"), Map.of("repository", "acme/shop"))).isFalse();
		assertThat(RELEASES.trusts(List.of("gatehouse"), Map.of("repository", "acme/shop", "ref", "refs/heads/v1")))
			.isFalse();
		assertThat(
				RELEASES.trusts(List.of("gatehouse"), Map.of("repository", "acme/shop-fork", "ref", "refs/tags/v1.2")))
			.isFalse();
	}

	@Test
	void trustsWhenClaimIsAListThenFalseEvenIfAnElementMatches() {
		assertThat(RELEASES.trusts(List.of("gatehouse"),
				Map.of("repository", List.of("acme/shop", "evil/shop"), "ref", "refs/tags/v1")))
			.isFalse();
	}

	@Test
	void trustsWhenClaimIsANumberThenComparedAsText() {
		TrustedCiIdentity byId = new TrustedCiIdentity(1, 2, "SHOP", "by id", "https://ci.example.com",
				"https://ci.example.com/keys", "gatehouse", Map.of("repository_id", "123456"), Instant.EPOCH, null);

		assertThat(byId.trusts(List.of("gatehouse"), Map.of("repository_id", 123456))).isTrue();
	}

	@Test
	void matchesWhenPatternHasRegexCharactersThenTakenLiterally() {
		assertThat(TrustedCiIdentity.matches("repo:acme/shop.(x)", "repo:acme/shop.(x)")).isTrue();
		assertThat(TrustedCiIdentity.matches("repo:acme/shop.*", "repo:acme/shopXanything")).isFalse();
		assertThat(TrustedCiIdentity.matches("repo:acme/shop:*", "repo:acme/shop:ref:refs/heads/main")).isTrue();
		assertThat(TrustedCiIdentity.matches("a*b*c", "aXXbYYc")).isTrue();
		assertThat(TrustedCiIdentity.matches("a*b*c", "aXXcYYb")).isFalse();
	}

	@Test
	void pinsWhenOwnerNamedBeforeAnyWildcardThenTrueElseFalse() {
		assertThat(TrustedCiIdentity.pins("repository", "acme/shop")).isTrue();
		assertThat(TrustedCiIdentity.pins("repository", "acme/*")).isTrue();
		assertThat(TrustedCiIdentity.pins("sub", "repo:acme/shop:ref:refs/heads/main")).isTrue();
		assertThat(TrustedCiIdentity.pins("sub", "repo:acme/*")).isTrue();
		assertThat(TrustedCiIdentity.pins("project_path", "acme/tools/*")).isTrue();
		assertThat(TrustedCiIdentity.pins("repository_owner", "acme")).isTrue();
		assertThat(TrustedCiIdentity.pins("repository_id", "123456")).isTrue();

		assertThat(TrustedCiIdentity.pins("repository", "acme*")).as("acme-evil too").isFalse();
		assertThat(TrustedCiIdentity.pins("repository", "*/shop")).isFalse();
		assertThat(TrustedCiIdentity.pins("sub", "repo:*")).as("every repository").isFalse();
		assertThat(TrustedCiIdentity.pins("sub", "project_path:*")).isFalse();
		assertThat(TrustedCiIdentity.pins("repository_owner", "acme*")).isFalse();
		assertThat(TrustedCiIdentity.pins("repository_id", "1*")).isFalse();
		assertThat(TrustedCiIdentity.pins("ref", "refs/heads/main")).as("no repository at all").isFalse();
	}

	@Test
	void matchesWhenManyWildcardsAndALongValueThenAnswersWithoutBacktrackingForever() {
		String value = "a".repeat(20_000);

		assertThat(TrustedCiIdentity.matches("*a*a*a*a*b", value)).isFalse();
		assertThat(TrustedCiIdentity.matches("*a*a*a*a*a", value)).isTrue();
		assertThat(TrustedCiIdentity.matches("a*", "a")).isTrue();
		assertThat(TrustedCiIdentity.matches("*", "")).isTrue();
		assertThat(TrustedCiIdentity.matches("a*b", "ab")).isTrue();
		assertThat(TrustedCiIdentity.matches("a*b", "a")).isFalse();
	}

}
