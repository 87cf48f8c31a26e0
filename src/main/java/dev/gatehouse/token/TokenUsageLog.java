package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.system.TextRules;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each personal access token's usage log (issue 16): when, from which address and client,
 * which method and route, and how the token arrived. A request only counts its use in
 * memory: identical uses within a minute are one entry, written in one batch every few
 * seconds and on shutdown, so the hot path stays without a database statement. After
 * writing, each network (IPv4 /24, IPv6 /48) a token was first used from is recorded; a
 * new one, once the token has a history, tells its owner.
 */
@Component
public class TokenUsageLog {

	private static final Logger logger = LoggerFactory.getLogger(TokenUsageLog.class);

	/** Distinct entries kept between two writes; beyond, uses are dropped and counted. */
	static final int MAX_PENDING = 50_000;

	/**
	 * Distinct entries one token may add between two writes, so that one token holder
	 * varying the client name cannot crowd every other token out.
	 */
	static final int MAX_PENDING_PER_TOKEN = 1_000;

	private static final int MAX_CLIENT = 300;

	private static final int MAX_ADDRESS = 64;

	private static final int MAX_ROUTE = 200;

	private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();

	private final AtomicLong dropped = new AtomicLong();

	/** Distinct entries per token since the last write. */
	private final Map<Long, AtomicLong> pendingPerToken = new ConcurrentHashMap<>();

	private final JdbcTokenUsageLogRepository log;

	private final JdbcPersonalAccessTokenRepository tokens;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** The networks each token was used from, as far as this node knows. */
	private final Cache<Long, Set<String>> networks = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	TokenUsageLog(JdbcTokenUsageLogRepository log, JdbcPersonalAccessTokenRepository tokens,
			ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		this.log = log;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
		Gauge.builder("gatehouse.batches.pending", this.pending, Map::size)
			.description("Rows waiting in memory to be written in a batch")
			.tag("batch", "usage-log")
			.register(meters);
		Gauge.builder("gatehouse.usage-log.dropped", this.dropped, AtomicLong::get)
			.description("Token uses not logged because too many distinct ones waited")
			.register(meters);
	}

	/**
	 * Counts a request made with a personal access token.
	 * @param tokenId the token
	 * @param address the client address
	 * @param client the client's {@code User-Agent}, or {@code null}
	 * @param method the HTTP method
	 * @param route the route template
	 * @param transport how the token arrived
	 */
	public void record(long tokenId, String address, String client, String method, String route,
			TokenCarrier transport) {
		Key key = new Key(tokenId, this.clock.instant().truncatedTo(ChronoUnit.MINUTES),
				TextRules.cut((address != null) ? address : "", MAX_ADDRESS),
				TextRules.cut((client != null) ? client : "", MAX_CLIENT), method, TextRules.cut(route, MAX_ROUTE),
				transport);
		LongAdder count = this.pending.get(key);
		if (count == null) {
			AtomicLong ofToken = this.pendingPerToken.computeIfAbsent(tokenId, (missing) -> new AtomicLong());
			if (this.pending.size() >= MAX_PENDING || ofToken.get() >= MAX_PENDING_PER_TOKEN) {
				this.dropped.incrementAndGet();
				return;
			}
			count = this.pending.computeIfAbsent(key, (missing) -> {
				ofToken.incrementAndGet();
				return new LongAdder();
			});
		}
		count.increment();
	}

	@Scheduled(fixedDelayString = "${gatehouse.tokens.last-use-flush-interval:15s}")
	@PreDestroy
	void flush() {
		this.pendingPerToken.clear();
		List<Counted> batch = new ArrayList<>();
		for (Key key : List.copyOf(this.pending.keySet())) {
			LongAdder count = this.pending.remove(key);
			if (count != null) {
				batch.add(new Counted(key, count.sum()));
			}
		}
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.log.insert(batch);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not write {} usage log entries; keeping them for the next flush ({})", batch.size(),
					ex.toString());
			for (Counted counted : batch) {
				if (this.pending.size() < MAX_PENDING) {
					this.pending.computeIfAbsent(counted.key(), (missing) -> new LongAdder()).add(counted.uses());
				}
				else {
					this.dropped.incrementAndGet();
				}
			}
			return;
		}
		recordNetworks(batch);
	}

	private void recordNetworks(List<Counted> batch) {
		Map<String, Key> firstUses = new LinkedHashMap<>();
		for (Counted counted : batch) {
			Network.of(counted.key().address())
				.ifPresent((network) -> firstUses.putIfAbsent(counted.key().tokenId() + " " + network, counted.key()));
		}
		firstUses.forEach((tokenAndNetwork, use) -> {
			String network = tokenAndNetwork.substring(tokenAndNetwork.indexOf(' ') + 1);
			try {
				recordNetwork(use, network);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not record the network of a token use ({})", ex.toString());
			}
		});
	}

	private void recordNetwork(Key use, String network) {
		Set<String> known = this.networks.get(use.tokenId(), (tokenId) -> concurrent(this.log.networks(tokenId)));
		if (known.contains(network)) {
			return;
		}
		boolean hadHistory = !known.isEmpty();
		known.add(network);
		if (this.log.addNetwork(use.tokenId(), network, use.minute()) && hadHistory) {
			Optional<PersonalAccessToken> token = this.tokens.findById(use.tokenId());
			token.ifPresent(
					(found) -> this.events.publishEvent(new AccessTokenUsedFromNewNetwork(found.userId(), found.label(),
							network, use.address(), use.client().isEmpty() ? null : use.client(), use.minute())));
		}
	}

	private static Set<String> concurrent(Set<String> networks) {
		Set<String> set = ConcurrentHashMap.newKeySet();
		set.addAll(networks);
		return set;
	}

	/**
	 * What makes two uses identical.
	 */
	record Key(long tokenId, Instant minute, String address, String client, String method, String route,
			TokenCarrier transport) {
	}

	/**
	 * Identical uses, counted.
	 */
	record Counted(Key key, long uses) {
	}

}
