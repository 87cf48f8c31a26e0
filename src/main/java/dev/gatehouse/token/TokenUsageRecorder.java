package dev.gatehouse.token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.token.JdbcPersonalAccessTokenRepository.PendingUse;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tracks each token's last use without a database write per request (SPEC §4.8): a
 * request only replaces the token's entry in memory; the latest use of every token is
 * written in one batch every few seconds, and on shutdown, so a clean stop loses nothing.
 * Readers merge what is still waiting, so pages and the API show a use at once.
 */
@Component
class TokenUsageRecorder {

	private static final Logger logger = LoggerFactory.getLogger(TokenUsageRecorder.class);

	private final Map<Long, TokenUse> pending = new ConcurrentHashMap<>();

	private final JdbcPersonalAccessTokenRepository tokens;

	TokenUsageRecorder(JdbcPersonalAccessTokenRepository tokens, MeterRegistry meters) {
		this.tokens = tokens;
		Gauge.builder("gatehouse.batches.pending", this.pending, Map::size)
			.description("Rows waiting in memory to be written in a batch")
			.tag("batch", "last-use")
			.register(meters);
	}

	void record(long tokenId, TokenUse use) {
		this.pending.merge(tokenId, use, (older, newer) -> newer.date().isAfter(older.date()) ? newer : older);
	}

	/**
	 * The token with its latest use, including one not written yet.
	 */
	PersonalAccessToken withPendingUse(PersonalAccessToken token) {
		TokenUse waiting = this.pending.get(token.id());
		if (waiting != null && (token.lastUsed() == null || waiting.date().isAfter(token.lastUsed().date()))) {
			return token.withLastUsed(waiting);
		}
		return token;
	}

	Optional<TokenUse> pendingUse(long tokenId) {
		return Optional.ofNullable(this.pending.get(tokenId));
	}

	void forget(long tokenId) {
		this.pending.remove(tokenId);
	}

	@Scheduled(fixedDelayString = "${gatehouse.tokens.last-use-flush-interval:15s}")
	@PreDestroy
	void flush() {
		// Written first, forgotten after: a reader always finds the use in memory or
		// stored.
		Map<Long, TokenUse> written = new HashMap<>(this.pending);
		List<PendingUse> batch = new ArrayList<>();
		written.forEach((tokenId, use) -> batch.add(new PendingUse(tokenId, use)));
		try {
			this.tokens.recordUses(batch);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not write the last use of {} tokens; keeping them for the next flush ({})", batch.size(),
					ex.toString());
			return;
		}
		// A newer use that arrived meanwhile stays for the next flush.
		written.forEach(this.pending::remove);
	}

}
