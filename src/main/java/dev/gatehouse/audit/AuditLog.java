package dev.gatehouse.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.DatabaseOutage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records what happened. Deliberate actions (a token created or deleted, a user changed)
 * are written in the transaction that does them, so the log and the change stand or fall
 * together. Refusals arrive at request rate, possibly from an attacker: they are counted
 * in memory and written as one event per burst (same action, reason, address and subject)
 * every few seconds, so refusing costs no database write per request. Reads through the
 * service account's view are counted the same way (same reader, account, data and
 * address), so paging through a feed writes one event, not one per page.
 */
@Service
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

	/**
	 * Bursts kept in memory at most; beyond that, a new burst is counted in one per
	 * action and reason that names no address or subject, so memory stays bounded and no
	 * count is lost even while the database is unreachable.
	 */
	static final int MAX_PENDING_BURSTS = 10_000;

	/** The address and target of a burst counted beyond {@link #MAX_PENDING_BURSTS}. */
	static final String OVERFLOW = "(more bursts than kept in memory)";

	private final JdbcAuditRepository events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final Map<BurstKey, Burst> bursts = new ConcurrentHashMap<>();

	AuditLog(JdbcAuditRepository events, Clock clock, TransactionTemplate transactions, MeterRegistry meters) {
		this.events = events;
		this.clock = clock;
		this.transactions = transactions;
		Gauge.builder("gatehouse.batches.pending", this.bursts, Map::size)
			.description("Rows waiting in memory to be written in a batch")
			.tag("batch", "audit")
			.register(meters);
	}

	/**
	 * Records a deliberate action of the caller.
	 * @param action what was done
	 * @param actor who did it
	 * @param subjectId the user it concerns, or {@code null}
	 * @param subjectLogin that user's login, or {@code null}
	 * @param target what it was done to, or {@code null}
	 */
	public void record(AuditAction action, Caller actor, Long subjectId, String subjectLogin, String target) {
		this.events.insert(new AuditEvent(0, this.clock.instant(), action, actor.userId(), actor.login(), subjectId,
				subjectLogin, target, null, currentAddress(), 1));
	}

	/**
	 * Records an action done by a technical actor that is no user, such as a project
	 * access token uploading a snapshot.
	 * @param action what was done
	 * @param actor who did it, e.g. {@code project token 'ci' (#4)}
	 * @param target what it was done to
	 */
	public void recordTechnical(AuditAction action, String actor, String target) {
		this.events.insert(new AuditEvent(0, this.clock.instant(), action, null, actor, null, null, target, null,
				currentAddress(), 1));
	}

	/**
	 * Records an action done by a technical actor that concerns a user, such as the
	 * revocation of a token reported as leaked.
	 * @param action what was done
	 * @param actor who did it, e.g. {@code leak report}
	 * @param subjectId the user it concerns
	 * @param subjectLogin that user's login
	 * @param target what it was done to
	 */
	public void recordTechnical(AuditAction action, String actor, Long subjectId, String subjectLogin, String target) {
		this.events.insert(new AuditEvent(0, this.clock.instant(), action, null, actor, subjectId, subjectLogin, target,
				null, currentAddress(), 1));
	}

	/**
	 * Counts a refusal; bursts are written by {@link #flush()}.
	 * @param action what was refused
	 * @param reason why
	 * @param address the client address
	 * @param subjectId the user concerned, or {@code null} if unknown
	 * @param subjectLogin that user's login, or {@code null}
	 * @param target what was presented, e.g. a token by id and last four, or {@code null}
	 */
	public void refused(AuditAction action, String reason, String address, Long subjectId, String subjectLogin,
			String target) {
		count(new BurstKey(action, reason, address, null, null, subjectId, subjectLogin, target));
	}

	/**
	 * Counts a read done with the service account's view (SPEC §6.3): data of projects
	 * the reader cannot access, read on their behalf. Written in bursts by
	 * {@link #flush()}.
	 * @param reader who read
	 * @param serviceAccountId the service account's user
	 * @param serviceAccountLogin its login
	 * @param target what was read, e.g. {@code Reporting API WorkLogs}
	 */
	public void elevatedRead(Caller reader, long serviceAccountId, String serviceAccountLogin, String target) {
		count(new BurstKey(AuditAction.ELEVATED_READ, "through the service account", currentAddress(), reader.userId(),
				reader.login(), serviceAccountId, serviceAccountLogin, target));
	}

	private void count(BurstKey burstKey) {
		BurstKey key = (this.bursts.size() >= MAX_PENDING_BURSTS && !this.bursts.containsKey(burstKey))
				? burstKey.overflow() : burstKey;
		// Counted under the map's lock for this key, so a concurrent flush never loses
		// one.
		this.bursts.compute(key, (k, burst) -> {
			Burst counted = (burst != null) ? burst : new Burst(this.clock.instant());
			counted.count++;
			return counted;
		});
	}

	/**
	 * Writes the bursts (refusals, reads through the service account) counted so far.
	 * Runs every few seconds and on shutdown. While the database is unreachable, a burst
	 * goes back, merged with what was counted meanwhile, and the rest waits for the next
	 * run, so the counts are written once it is back; a burst the database refuses for
	 * itself is dropped with an error, so that it never holds the others up.
	 */
	@Scheduled(fixedDelayString = "${gatehouse.audit.flush-interval:5s}")
	@PreDestroy
	public void flush() {
		for (BurstKey key : this.bursts.keySet()) {
			Burst[] taken = new Burst[1];
			this.bursts.computeIfPresent(key, (k, burst) -> {
				taken[0] = burst;
				return null;
			});
			Burst burst = taken[0];
			if (burst != null && burst.count > 0) {
				try {
					this.transactions.executeWithoutResult((status) -> this.events.insert(new AuditEvent(0, burst.first,
							key.action(), key.actorId(), key.actorLogin(), key.subjectId(), key.subjectLogin(),
							key.target(), key.reason(), key.address(), burst.count)));
				}
				catch (RuntimeException ex) {
					if (!DatabaseOutage.causedBy(ex)) {
						// This burst's own fault: the others must not wait behind it.
						logger.error("Dropped an audit burst the database refused: {} x{} ({})", key.action(),
								burst.count, ex.toString());
						continue;
					}
					this.bursts.merge(key, burst, Burst::merged);
					logger.warn("Could not write {} bursts to the audit log; keeping them for the next flush ({})",
							this.bursts.size(), ex.toString());
					return;
				}
			}
		}
	}

	/**
	 * A page of the log, newest first unless asked otherwise.
	 * @param caller who asks (an administrator)
	 * @param parameters page, filter, order over
	 * {@code Date Action ActorLogin SubjectLogin
	 * Target Reason Address}
	 * @return the page
	 */
	public CollectionPage<AuditEvent> find(Caller caller, CollectionParameters parameters) {
		caller.requireAdministrator("read the audit log");
		return this.events.find(parameters);
	}

	/**
	 * Every matching event, streamed (for the CSV export).
	 */
	public void export(Caller caller, String where, Consumer<AuditEvent> sink) {
		caller.requireAdministrator("export the audit log");
		CollectionParameters filter = new CollectionParameters(1, 0, where, java.util.List.of(), java.util.List.of());
		this.events.stream(filter, sink);
	}

	private static String currentAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	private record BurstKey(AuditAction action, String reason, String address, Long actorId, String actorLogin,
			Long subjectId, String subjectLogin, String target) {

		BurstKey overflow() {
			return new BurstKey(this.action, this.reason, OVERFLOW, null, null, null, null, OVERFLOW);
		}

	}

	private static final class Burst {

		private final Instant first;

		/** Changed only inside the map's compute for its key. */
		private int count;

		Burst(Instant first) {
			this.first = first;
		}

		/** One burst of both, from the earlier's start. */
		static Burst merged(Burst one, Burst other) {
			Burst merged = new Burst(one.first.isBefore(other.first) ? one.first : other.first);
			merged.count = one.count + other.count;
			return merged;
		}

	}

}
