package dev.gatehouse.trustedci;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.gatehouse.RepositorySliceSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusted CI identities on both databases: claim rules kept in their order, found by
 * project and all together, their last use recorded, removed only from their own project,
 * and gone with it.
 */
@Import({ JdbcTrustedCiIdentityRepository.class, JdbcTrustedCiIdentityRepositoryTests.Json.class })
class JdbcTrustedCiIdentityRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	@Autowired
	private JdbcTrustedCiIdentityRepository identities;

	@Test
	void insertWhenClaimRulesThenReadBackInOrderWithItsProject() {
		String key = unique("CI");
		long project = project(key);
		Map<String, String> claims = new LinkedHashMap<>();
		claims.put("repository", "acme/shop");
		claims.put("ref", "refs/tags/v*");
		claims.put("repo:x", "a=b");

		long id = this.identities.insert(project, "releases", "https://ci.example.com", "https://ci.example.com/keys",
				"gatehouse", claims, null, NOW);

		TrustedCiIdentity stored = this.identities.findById(project, id).orElseThrow();
		assertThat(stored.projectKey()).isEqualTo(key);
		assertThat(stored.claims()).containsExactly(Map.entry("repository", "acme/shop"),
				Map.entry("ref", "refs/tags/v*"), Map.entry("repo:x", "a=b"));
		assertThat(stored.keysLocation()).isEqualTo("https://ci.example.com/keys");
		assertThat(stored.createDate().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(NOW);
		assertThat(stored.lastUsedDate()).isNull();
		assertThat(this.identities.findByProject(project)).containsExactly(stored);
		assertThat(this.identities.findAll()).contains(stored);
	}

	@Test
	void recordUseWhenMatchedThenLastUsedDateSet() {
		long project = project(unique("CI"));
		long id = this.identities.insert(project, "main", "https://ci.example.com", "https://ci.example.com/keys",
				"gatehouse", Map.of("sub", "repo:acme/shop"), null, NOW);

		this.identities.recordUse(id, NOW.plusSeconds(60));

		assertThat(this.identities.findById(project, id).orElseThrow().lastUsedDate()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void deleteWhenAnotherProjectThenKeptAndWhenItsOwnThenGone() {
		long project = project(unique("CI"));
		long other = project(unique("OTHER"));
		long id = this.identities.insert(project, "main", "https://ci.example.com", "https://ci.example.com/keys",
				"gatehouse", Map.of("sub", "repo:acme/shop"), null, NOW);

		assertThat(this.identities.delete(other, id)).isFalse();
		assertThat(this.identities.findById(project, id)).isPresent();
		assertThat(this.identities.delete(project, id)).isTrue();
		assertThat(this.identities.findById(project, id)).isEmpty();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Json {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

	}

}
