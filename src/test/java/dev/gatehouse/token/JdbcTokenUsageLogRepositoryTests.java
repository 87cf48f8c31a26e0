package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.token.TokenUsageLog.Counted;
import dev.gatehouse.token.TokenUsageLog.Key;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage log's SQL: rows of one minute from several batches read as one line, uses of
 * a deleted token dropped, old ones forgotten, a network recorded once.
 */
@Import({ JdbcTokenUsageLogRepository.class, JdbcPersonalAccessTokenRepository.class })
class JdbcTokenUsageLogRepositoryTests extends RepositorySliceSupport {

	private static final Instant MINUTE = Instant.parse("2026-12-04T10:15:00Z");

	@Autowired
	private JdbcTokenUsageLogRepository log;

	@Autowired
	private JdbcPersonalAccessTokenRepository tokens;

	private long token;

	@BeforeEach
	void token() {
		long owner = user(unique("owner"), false);
		this.token = this.tokens.insert(owner, "CI", JdbcPersonalAccessTokenRepositoryTests.hash(unique("v")), "abcd",
				"admin", MINUTE, LocalDate.of(2027, 1, 1));
	}

	@Test
	void findWhenOneMinuteWrittenInTwoBatchesThenOneLineWithTheirSumNewestFirst() {
		Key bearer = key(MINUTE, "10.0.0.1", TokenCarrier.BEARER);
		this.log.insert(List.of(new Counted(bearer, 2),
				new Counted(key(MINUTE.minusSeconds(60), "10.0.0.1", TokenCarrier.BASIC_PASSWORD), 1)));
		this.log.insert(List.of(new Counted(bearer, 3), new Counted(key(MINUTE, "10.0.0.1", 999_999L), 1)));

		List<TokenUseEntry> uses = this.log.find(this.token, CollectionParameters.firstPage()).items();

		assertThat(uses).extracting(TokenUseEntry::uses).containsExactly(5L, 1L);
		assertThat(uses.get(0).transport()).isEqualTo(TokenCarrier.BEARER);
		assertThat(uses.get(0).route()).isEqualTo("/api/v1/Users/LoggedUser");
		assertThat(this.log.deleteOlderThan(MINUTE)).isEqualTo(1);
		assertThat(this.log.find(this.token, CollectionParameters.firstPage()).items()).hasSize(1);
	}

	@Test
	void addNetworkWhenRecordedTwiceThenNewOnlyOnceAndNeverForADeletedToken() {
		assertThat(this.log.addNetwork(this.token, "10.0.0.0/24", MINUTE)).isTrue();
		assertThat(this.log.addNetwork(this.token, "10.0.0.0/24", MINUTE)).isFalse();
		assertThat(this.log.addNetwork(999_999L, "10.0.0.0/24", MINUTE)).isFalse();
		assertThat(this.log.networks(this.token)).containsExactly("10.0.0.0/24");
		this.tokens.delete(this.token);
		assertThat(this.log.networks(this.token)).isEmpty();
	}

	private Key key(Instant minute, String address, TokenCarrier transport) {
		return new Key(this.token, minute, address, "PowerBI/2.1", "GET", "/api/v1/Users/LoggedUser", transport);
	}

	private static Key key(Instant minute, String address, long tokenId) {
		return new Key(tokenId, minute, address, "", "GET", "/api/v1/Users/LoggedUser", TokenCarrier.BEARER);
	}

}
