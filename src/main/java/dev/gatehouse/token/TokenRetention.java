package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets, every hour and on one node at a time, what tokens need not remember: uses
 * older than the usage log's retention (30 days by default), and values replaced by a
 * rotation that stopped working more than 30 days ago.
 */
@Component
public class TokenRetention {

	private static final Logger logger = LoggerFactory.getLogger(TokenRetention.class);

	private final JdbcTokenUsageLogRepository usageLog;

	private final JdbcPersonalAccessTokenRepository personalTokens;

	private final JdbcProjectAccessTokenRepository projectTokens;

	private final Clock clock;

	private final Duration retention;

	TokenRetention(JdbcTokenUsageLogRepository usageLog, JdbcPersonalAccessTokenRepository personalTokens,
			JdbcProjectAccessTokenRepository projectTokens, Clock clock,
			@Value("${gatehouse.tokens.usage-log-retention:30d}") Duration retention) {
		this.usageLog = usageLog;
		this.personalTokens = personalTokens;
		this.projectTokens = projectTokens;
		this.clock = clock;
		this.retention = retention;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	@SchedulerLock(name = "token-retention", lockAtMostFor = "PT30M")
	public void forget() {
		int uses = this.usageLog.deleteOlderThan(this.clock.instant().minus(this.retention));
		int values = this.personalTokens
			.deleteValuesRetiredBefore(this.clock.instant().minus(RotationPolicy.REMEMBERED))
				+ this.projectTokens.deleteValuesRetiredBefore(this.clock.instant().minus(RotationPolicy.REMEMBERED));
		if (uses > 0 || values > 0) {
			logger.info("Forgot {} token usage log entries and {} replaced token values", uses, values);
		}
	}

}
