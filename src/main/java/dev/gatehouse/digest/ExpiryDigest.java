package dev.gatehouse.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.notice.NoticeService;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.serviceaccount.ServiceAccountService;
import dev.gatehouse.serviceaccount.ServiceAccountStatus;
import dev.gatehouse.token.PersonalAccessToken;
import dev.gatehouse.token.PersonalAccessTokenService;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.token.ProjectAccessTokenService;
import dev.gatehouse.user.UserService;
import dev.gatehouse.webhook.WebhookService;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily expiry digest (issue 16): instead of one mail per token, one message a day
 * per person, listing the tokens whose last day is 30, 7 or 1 days away
 * ({@code gatehouse.digest.days}). Owners get their own tokens; project administrators
 * their projects' tokens; administrators every token, and the service account's token on
 * every day of the last 30 before it expires, since every restricted report breaks with
 * it. Each person's part becomes a notice, mailed when SMTP is configured, and the whole
 * list is posted to every webhook. It runs once a day across nodes: a ShedLock lock keeps
 * concurrent runs apart, and the day's row keeps a later run that day from sending again.
 */
@Component
public class ExpiryDigest {

	static final String EVENT = "token.expiry_digest";

	/**
	 * Tokens one webhook post lists at most, so that a post stays well under a megabyte.
	 */
	private static final int MAX_POSTED = 2_000;

	private static final Logger logger = LoggerFactory.getLogger(ExpiryDigest.class);

	private final PersonalAccessTokenService personalTokens;

	private final ProjectAccessTokenService projectTokens;

	private final ProjectService projects;

	private final UserService users;

	private final ServiceAccountService serviceAccount;

	private final NoticeService notices;

	private final WebhookService webhooks;

	private final JdbcExpiryDigestRepository digests;

	private final Clock clock;

	private final TreeSet<Integer> days;

	private final JsonMapper json = JsonMapper.builder().build();

	private final LockingTaskExecutor lock;

	private final TransactionTemplate transactions;

	ExpiryDigest(PersonalAccessTokenService personalTokens, ProjectAccessTokenService projectTokens,
			ProjectService projects, UserService users, ServiceAccountService serviceAccount, NoticeService notices,
			WebhookService webhooks, JdbcExpiryDigestRepository digests, Clock clock, LockProvider locks,
			PlatformTransactionManager transactions, @Value("${gatehouse.digest.days:30,7,1}") List<Integer> days) {
		this.transactions = new TransactionTemplate(transactions);
		this.lock = new DefaultLockingTaskExecutor(locks);
		this.personalTokens = personalTokens;
		this.projectTokens = projectTokens;
		this.projects = projects;
		this.users = users;
		this.serviceAccount = serviceAccount;
		this.notices = notices;
		this.webhooks = webhooks;
		this.digests = digests;
		this.clock = clock;
		this.days = new TreeSet<>(days);
		if (this.days.isEmpty() || this.days.first() < 0 || this.days.last() > 365) {
			throw new IllegalStateException("gatehouse.digest.days must name days between 0 and 365");
		}
	}

	/**
	 * Sends today's digest, on one node, from 07:00 UTC by default; tried every hour
	 * after that, so that a run that failed is made up the same day, and a no-op once the
	 * day's digest went out.
	 */
	@Scheduled(cron = "${gatehouse.digest.cron:0 0 7-23 * * *}", zone = "UTC")
	public void sendScheduled() {
		send();
	}

	/**
	 * Sends today's digest unless it went out already today, under the ShedLock lock
	 * {@code expiry-digest}: a node that finds it held sends nothing, and one that comes
	 * after finds the day's row.
	 * @return what happened
	 */
	public Outcome send() {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		try {
			TaskResult<Outcome> result = this.lock.executeWithLock(() -> sendUnlocked(today), new LockConfiguration(
					ClockProvider.now(), "expiry-digest-" + today, Duration.ofMinutes(30), Duration.ofMinutes(1)));
			return result.wasExecuted() ? result.getResult() : new Outcome(today, false, 0, 0);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The day's row, the notices and the webhook deliveries in one transaction: a run
	 * that fails leaves no row, and the next hour's run sends the day's digest. Mails and
	 * posts leave once it commits.
	 */
	private Outcome sendUnlocked(LocalDate today) {
		return this.transactions.execute((transaction) -> {
			if (!this.digests.claim(today, this.clock.instant())) {
				transaction.setRollbackOnly();
				return new Outcome(today, false, 0, 0);
			}
			List<Line> lines = lines(today);
			Map<Long, List<Line>> byPerson = recipients(lines);
			byPerson.forEach((userId, own) -> this.notices.tell(userId, subject(own), text(own)));
			int webhooks = lines.isEmpty() ? 0 : this.webhooks.publish(EVENT, data(today, lines));
			this.digests.recipients(today, byPerson.size());
			logger.info("Expiry digest of {}: {} tokens, {} people, {} webhooks", today, lines.size(), byPerson.size(),
					webhooks);
			return new Outcome(today, true, byPerson.size(), webhooks);
		});
	}

	/**
	 * What today's digest holds, without sending it.
	 * @return the day, how many people it would tell, and {@code sent} false
	 */
	Outcome preview() {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return new Outcome(today, false, recipients(lines(today)).size(), 0);
	}

	private List<Line> lines(LocalDate today) {
		Set<LocalDate> expiring = new LinkedHashSet<>();
		this.days.forEach((day) -> expiring.add(today.plusDays(day)));
		List<Line> lines = new ArrayList<>();
		this.personalTokens.expiringOn(expiring).forEach((token) -> lines.add(Line.personal(token, today)));
		this.projectTokens.expiringOn(expiring).forEach((token) -> lines.add(Line.project(token, today)));
		serviceAccountToken(today).ifPresent((token) -> {
			lines.removeIf((line) -> line.personal() && line.id() == token.id());
			lines.add(Line.personal(token, today).asServiceAccount());
		});
		lines.sort(Comparator.comparing(Line::expirationDate).thenComparing(Line::label));
		return lines;
	}

	/**
	 * Sends today's digest now, for an administrator (it goes out once a day whoever
	 * asks).
	 */
	public Outcome sendNow(Caller caller, boolean dryRun) {
		caller.requireAdministrator("send the expiry digest");
		return dryRun ? preview() : send();
	}

	private Optional<PersonalAccessToken> serviceAccountToken(LocalDate today) {
		ServiceAccountStatus status = this.serviceAccount.status();
		if (status.tokenId() == null || status.daysLeft() == null || status.daysLeft() > this.days.last()) {
			return Optional.empty();
		}
		return this.personalTokens.findStored(status.tokenId()).filter((token) -> !token.expiredOn(today));
	}

	private Map<Long, List<Line>> recipients(List<Line> lines) {
		Map<Long, List<Line>> byPerson = new LinkedHashMap<>();
		List<User> administrators = this.users.activeAdministrators();
		for (Line line : lines) {
			if (line.ownerId() != null && !line.serviceAccount()) {
				byPerson.computeIfAbsent(line.ownerId(), (id) -> new ArrayList<>()).add(line.forOwner());
			}
			if (line.projectId() != null) {
				for (Long administrator : this.projects.administratorIds(line.projectId())) {
					addOnce(byPerson, administrator, line);
				}
			}
			for (User administrator : administrators) {
				addOnce(byPerson, administrator.id(), line);
			}
		}
		return byPerson;
	}

	private static void addOnce(Map<Long, List<Line>> byPerson, long userId, Line line) {
		List<Line> own = byPerson.computeIfAbsent(userId, (id) -> new ArrayList<>());
		if (own.stream().noneMatch((listed) -> listed.sameToken(line))) {
			own.add(line);
		}
	}

	private static String subject(List<Line> lines) {
		return (lines.size() == 1) ? "Gatehouse: 1 access token expires soon"
				: "Gatehouse: " + lines.size() + " access tokens expire soon";
	}

	private static String text(List<Line> lines) {
		StringBuilder text = new StringBuilder("These access tokens stop working soon:\n\n");
		for (Line line : lines) {
			text.append("- ").append(line.describe()).append('\n');
		}
		text.append("\nTo keep a job working, rotate its token (it keeps its name and scopes, and the old value")
			.append(" works until the new one is used) or create a new one, on the token pages as you always do.");
		return text.toString();
	}

	private String data(LocalDate today, List<Line> lines) {
		ObjectNode data = this.json.createObjectNode();
		data.put("Day", today.toString());
		data.put("More", Math.max(0, lines.size() - MAX_POSTED));
		ArrayNode tokens = data.putArray("Tokens");
		for (Line line : lines.subList(0, Math.min(lines.size(), MAX_POSTED))) {
			ObjectNode token = tokens.addObject();
			token.put("Kind", line.personal() ? "PERSONAL" : "PROJECT");
			token.put("Id", line.id());
			token.put("Name", line.name());
			if (line.ownerLogin() != null) {
				token.putObject("User").put("Id", line.ownerId()).put("Login", line.ownerLogin());
			}
			if (line.projectKey() != null) {
				token.put("Project", line.projectKey());
			}
			token.put("ExpirationDate", line.expirationDate().toString());
			token.put("DaysLeft", line.daysLeft());
			token.put("ServiceAccount", line.serviceAccount());
		}
		return this.json.writeValueAsString(data);
	}

	/**
	 * What a run did.
	 *
	 * @param day the day
	 * @param sent whether this run sent it ({@code false}: it went out before)
	 * @param recipients the people told
	 * @param webhooks the webhooks posted to
	 */
	public record Outcome(LocalDate day, boolean sent, int recipients, int webhooks) {
	}

	/**
	 * A token in the digest.
	 */
	record Line(boolean personal, long id, String name, String label, Long ownerId, String ownerLogin, Long projectId,
			String projectKey, LocalDate expirationDate, long daysLeft, boolean serviceAccount, boolean yours) {

		static Line personal(PersonalAccessToken token, LocalDate today) {
			return new Line(true, token.id(), token.name(), token.label(), token.userId(), token.userLogin(), null,
					null, token.expirationDate(), ChronoUnit.DAYS.between(today, token.expirationDate()), false, false);
		}

		static Line project(ProjectAccessToken token, LocalDate today) {
			return new Line(false, token.id(), token.name(), token.label(), null, null, token.projectId(),
					token.projectKey(), token.expirationDate(), ChronoUnit.DAYS.between(today, token.expirationDate()),
					false, false);
		}

		Line asServiceAccount() {
			return new Line(this.personal, this.id, this.name, this.label, this.ownerId, this.ownerLogin,
					this.projectId, this.projectKey, this.expirationDate, this.daysLeft, true, false);
		}

		Line forOwner() {
			return new Line(this.personal, this.id, this.name, this.label, this.ownerId, this.ownerLogin,
					this.projectId, this.projectKey, this.expirationDate, this.daysLeft, this.serviceAccount, true);
		}

		boolean sameToken(Line other) {
			return this.personal == other.personal && this.id == other.id;
		}

		String describe() {
			String whose = this.serviceAccount ? " (the service account's token: restricted reports stop with it)"
					: this.yours ? " (yours)" : (this.ownerLogin != null) ? " (" + this.ownerLogin + "'s)" : "";
			String when = (this.daysLeft == 0) ? "today is its last day"
					: (this.daysLeft == 1) ? "its last day is tomorrow"
							: "its last day is " + this.expirationDate + ", in " + this.daysLeft + " days";
			return this.label + whose + ": " + when;
		}

	}

}
