package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;
import dev.gatehouse.user.ServiceTokenIntegrations;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who still uses a legacy service token, from where (issue 16): uses are counted in
 * memory per user, address and client, and written in batches with the tokens' last use,
 * so a service token request costs no write. Administrators see the last 30 days; a
 * password or login change warns of the integrations it breaks.
 */
@Component
public class ServiceTokenUses implements ServiceTokenIntegrations {

	private static final Logger logger = LoggerFactory.getLogger(ServiceTokenUses.class);

	static final Duration SHOWN = Duration.ofDays(30);

	private static final int MAX_PENDING = 10_000;

	/**
	 * Lines one user may add between two writes, so one holder cannot crowd out others.
	 */
	private static final int MAX_PENDING_PER_USER = 100;

	private final Map<Long, AtomicInteger> pendingPerUser = new ConcurrentHashMap<>();

	private final AtomicLong dropped = new AtomicLong();

	private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

	private final JdbcServiceTokenUseRepository uses;

	private final Clock clock;

	ServiceTokenUses(JdbcServiceTokenUseRepository uses, Clock clock) {
		this.uses = uses;
		this.clock = clock;
	}

	void record(long userId, TokenUse use) {
		Key key = new Key(userId, TextRules.cut(use.address(), 64), TextRules.cut(use.client(), 300));
		if (!this.pending.containsKey(key)) {
			AtomicInteger ofUser = this.pendingPerUser.computeIfAbsent(userId, (missing) -> new AtomicInteger());
			if (this.pending.size() >= MAX_PENDING || ofUser.incrementAndGet() > MAX_PENDING_PER_USER) {
				this.dropped.incrementAndGet();
				return;
			}
		}
		this.pending.merge(key, new Pending(use.date(), use.date(), 1), Pending::plus);
	}

	/**
	 * Who used a service token in the last 30 days, for administrators.
	 */
	public List<ServiceTokenUse> recent(Caller caller) {
		caller.requireAdministrator("see who uses service tokens");
		return this.uses.usedSince(this.clock.instant().minus(SHOWN));
	}

	/**
	 * Service token uses that could not be counted since the start, because too many
	 * distinct ones waited: when not zero, the list may be incomplete.
	 */
	public long dropped() {
		return this.dropped.get();
	}

	/**
	 * The integrations that used the user's service token in the last 30 days: those
	 * written, and those this node counted since its last write that are not among them.
	 */
	@Override
	public int lastThirtyDays(long userId) {
		Set<String> seen = new HashSet<>();
		this.uses.usedSince(userId, this.clock.instant().minus(SHOWN))
			.forEach((use) -> seen.add(use.address() + "\n" + use.client()));
		this.pending.keySet()
			.stream()
			.filter((key) -> key.userId() == userId)
			.forEach((key) -> seen.add(key.address() + "\n" + key.client()));
		return seen.size();
	}

	@Scheduled(fixedDelayString = "${gatehouse.tokens.last-use-flush-interval:15s}")
	@PreDestroy
	void flush() {
		this.pendingPerUser.clear();
		for (Key key : List.copyOf(this.pending.keySet())) {
			Pending counted = this.pending.remove(key);
			if (counted == null) {
				continue;
			}
			try {
				this.uses.add(key.userId(), key.address(), key.client(), counted.first(), counted.last(),
						counted.uses());
			}
			catch (RuntimeException ex) {
				this.pending.merge(key, counted, Pending::plus);
				logger.warn("Could not write service token uses; keeping them for the next flush ({})", ex.toString());
				return;
			}
		}
	}

	record Key(long userId, String address, String client) {
	}

	record Pending(Instant first, Instant last, long uses) {

		Pending plus(Pending other) {
			return new Pending(this.first.isBefore(other.first) ? this.first : other.first,
					this.last.isAfter(other.last) ? this.last : other.last, this.uses + other.uses);
		}

	}

}
