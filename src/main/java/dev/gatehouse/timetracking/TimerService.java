package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.notice.NoticeService;
import dev.gatehouse.reporting.ReportingView;
import dev.gatehouse.serviceaccount.ServiceAccountService;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.token.Scope;
import dev.gatehouse.user.UserService;
import dev.gatehouse.workitem.UserStory;
import dev.gatehouse.workitem.UserStoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Server-side timers (issue 17, seed 000). A user starts a timer on a story they can
 * reach and stops it later from any device; stopping logs a time entry under the usual
 * rules, discarding logs nothing. One timer per user: starting another stops the first.
 *
 * <p>
 * A timer never runs for ever: at the limit ({@code gatehouse.timers.limit}, 10 hours) or
 * at midnight in its time zone it stops itself, and a timer whose user was deactivated or
 * lost the story's project is stopped too. Those stops nobody asked for are made by the
 * server acting as the service account, so they need a working one: without it, no timer
 * starts (the answer says what an administrator must do), and running timers run until a
 * person stops them; they then log no more than the limit.
 */
@Service
public class TimerService {

	private static final Logger logger = LoggerFactory.getLogger(TimerService.class);

	private static final int MAX_DESCRIPTION = 2000;

	private static final int BATCH = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final JdbcTimerRepository timers;

	private final TimeEntryService entries;

	private final UserStoryService stories;

	private final UserService users;

	private final ServiceAccountService serviceAccount;

	private final NoticeService notices;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final Duration limit;

	private final ZoneId defaultZone;

	TimerService(JdbcTimerRepository timers, TimeEntryService entries, UserStoryService stories, UserService users,
			ServiceAccountService serviceAccount, NoticeService notices, AuditLog audit, Clock clock,
			PlatformTransactionManager transactions, @Value("${gatehouse.timers.limit:10h}") Duration limit,
			@Value("${gatehouse.timers.time-zone:UTC}") ZoneId defaultZone) {
		if (limit.compareTo(Duration.ofMinutes(1)) < 0 || limit.compareTo(Duration.ofHours(24)) > 0) {
			throw new IllegalStateException("gatehouse.timers.limit must be between 1 minute and 24 hours");
		}
		this.timers = timers;
		this.entries = entries;
		this.stories = stories;
		this.users = users;
		this.serviceAccount = serviceAccount;
		this.notices = notices;
		this.audit = audit;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.limit = limit;
		this.defaultZone = defaultZone;
	}

	/**
	 * The longest a timer runs.
	 */
	public Duration limit() {
		return this.limit;
	}

	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * The caller's running timer.
	 */
	public Optional<Timer> running(Caller caller) {
		caller.requireWorkDataAccess();
		return this.timers.findRunning(ReportingView.withoutServiceAccount(caller), caller.userId());
	}

	/**
	 * The caller's timer of that id.
	 */
	public Timer get(Caller caller, long id) {
		return running(caller).filter((timer) -> timer.id() == id).orElseThrow(() -> NotFoundException.of("Timer", id));
	}

	/**
	 * Starts a timer for the caller, stopping the one they had running (which logs its
	 * time).
	 * @param caller who works
	 * @param start on what
	 * @return the new timer, and the entry logged for the one it replaced
	 */
	@Transactional
	public Started start(Caller caller, TimerStart start) {
		caller.requireWorkDataAccess();
		if (start.userStoryId() == null) {
			throw new InvalidRequestException("UserStory is required");
		}
		ZoneId zone = zone(start.timeZone());
		String description = TextRules.multiLine("Description", start.description(), MAX_DESCRIPTION);
		UserStory story;
		try {
			story = this.stories.get(caller, start.userStoryId());
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException("UserStory " + start.userStoryId() + " was not found");
		}
		ServiceAccountService.Acting server = this.serviceAccount.actAs(Scope.TIME_WRITE);
		if (!server.acting()) {
			throw new ConflictException("Timers run on the server, which stops them at the limit and at midnight"
					+ " as the service account, and the service account cannot log time. " + server.message()
					+ " An administrator sets it in Settings → Reporting and API → Service account.");
		}
		// One start at a time per user: the unique row keeps two timers out, the lock
		// makes the second start stop the first instead of failing.
		this.users.lockUser(caller.userId());
		TimeEntry stopped = null;
		Optional<Timer> previous = this.timers.findRunning(ReportingView.withoutServiceAccount(caller),
				caller.userId());
		if (previous.isPresent()) {
			try {
				stopped = stopAndLog(caller, previous.get());
			}
			catch (InvalidRequestException ex) {
				throw new InvalidRequestException(
						"Your running timer could not be stopped, so no other was started: " + ex.getMessage());
			}
		}
		Instant now = this.clock.instant();
		long id = this.timers.insert(caller.userId(), story.id(), description, Boolean.TRUE.equals(start.billable()),
				zone, now, Timer.stopsAt(now, zone, this.limit));
		this.timers.forgetStop(caller.userId());
		return new Started(get(caller, id), stopped);
	}

	/**
	 * Stops the caller's timer and logs its time.
	 * @return the time entry
	 */
	@Transactional
	public TimeEntry stop(Caller caller, long id) {
		Timer timer = get(caller, id);
		this.users.lockUser(caller.userId());
		return stopAndLog(caller, timer);
	}

	/**
	 * Drops the caller's timer without logging anything.
	 */
	@Transactional
	public void discard(Caller caller, long id) {
		Timer timer = get(caller, id);
		if (!this.timers.take(timer.id())) {
			throw NotFoundException.of("Timer", id);
		}
	}

	/**
	 * Why the server last stopped the caller's timer, until they dismiss it or start
	 * another.
	 */
	public Optional<String> lastServerStop(Caller caller) {
		return this.timers.findStop(caller.userId());
	}

	public void dismissServerStop(Caller caller) {
		this.timers.forgetStop(caller.userId());
	}

	private TimeEntry stopAndLog(Caller caller, Timer timer) {
		if (!this.timers.take(timer.id())) {
			throw NotFoundException.of("Timer", timer.id());
		}
		return this.entries.create(caller, new TimeEntryChanges(timer.userStoryId(), timer.day(),
				Timer.hours(timer.elapsedAt(this.clock.instant())), timer.description(), timer.billable(), null));
	}

	/**
	 * The stops nobody asked for, made as the service account: timers at their limit or
	 * midnight, and timers whose user was deactivated or can no longer reach the story.
	 * Each in its own transaction; a timer another node took meanwhile is skipped.
	 * Without a working service account nothing is stopped.
	 * @return how many timers were stopped
	 */
	public int stopAutomatically() {
		if (!this.serviceAccount.actAs(Scope.TIME_WRITE).acting()) {
			return 0;
		}
		int stopped = 0;
		List<Timer> due = this.timers.findDue(this.clock.instant(), BATCH);
		for (Timer timer : due) {
			stopped += stopAutomatically(timer) ? 1 : 0;
		}
		for (Timer timer : this.timers.findOutOfReach(BATCH)) {
			stopped += stopAutomatically(timer) ? 1 : 0;
		}
		return stopped;
	}

	private boolean stopAutomatically(Timer timer) {
		try {
			return Boolean.TRUE.equals(this.transactions.execute((tx) -> {
				// Asked again for each timer: a service account revoked meanwhile stops
				// nothing more.
				ServiceAccountService.Acting server = this.serviceAccount.actAs(Scope.TIME_WRITE);
				return server.acting() && stopAsServer(server.caller(), timer);
			}));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop timer #{} of user #{}: {}", timer.id(), timer.userId(), ex.toString());
			return false;
		}
	}

	private boolean stopAsServer(Caller server, Timer timer) {
		this.users.lockUser(timer.userId());
		Optional<Timer> current = this.timers.findById(timer.id());
		if (current.isEmpty() || !this.timers.take(timer.id())) {
			return false;
		}
		Instant now = this.clock.instant();
		Instant end = now.isAfter(timer.stopsAt()) ? timer.stopsAt() : now;
		BigDecimal hours = Timer.hours(timer.elapsedAt(end));
		Optional<User> user = this.users.findById(timer.userId());
		boolean tracksTime = user.filter((found) -> found.kind() == UserKind.User && !found.isSystem()).isPresent();
		boolean reachable = tracksTime && this.entries.mayLogOn(timer.userId(), timer.projectId());
		String what = "Your timer on user story #" + timer.userStoryId()
				+ (reachable ? " \"" + timer.userStoryName() + "\"" : "") + ", started at "
				+ TIME.format(timer.startDate().atZone(timer.timeZone())) + " on " + timer.day() + " ("
				+ timer.timeZone().getId() + "), ";
		String reason;
		String result;
		if (!reachable) {
			reason = tracksTime ? "was stopped because you can no longer reach that user story's project."
					: "was stopped because your account no longer tracks time.";
			result = hours.toPlainString() + " hours were not logged: log them on a story you can reach.";
		}
		else {
			boolean deactivated = user.filter(User::active).isEmpty();
			reason = deactivated ? "was stopped because your account was deactivated."
					: !end.isBefore(timer.startDate().plus(this.limit))
							? "stopped itself after " + limitText() + ", the longest a timer runs."
							: "stopped itself at midnight.";
			BigDecimal room = this.entries.roomOn(timer.userId(), timer.day());
			BigDecimal logged = hours.min(room);
			if (logged.signum() > 0) {
				this.entries.create(server, new TimeEntryChanges(timer.userStoryId(), timer.day(), logged,
						timer.description(), timer.billable(), timer.userId()));
				result = logged.toPlainString() + " hours were logged on " + timer.day()
						+ ((logged.compareTo(hours) < 0) ? " (of " + hours.toPlainString() + ": a day has 24 hours)."
								: ".");
			}
			else {
				result = "Nothing was logged: " + timer.day() + " already holds 24 hours.";
			}
		}
		String message = what + reason + " " + result;
		this.timers.recordStop(timer.userId(), now, message);
		this.notices.tell(timer.userId(), "Your timer was stopped", message);
		this.audit.record(AuditAction.TIMER_STOPPED, server, timer.userId(), timer.userLogin(),
				"timer #" + timer.id() + " on user story #" + timer.userStoryId() + ": " + reason);
		return true;
	}

	private String limitText() {
		long minutes = this.limit.toMinutes();
		return (minutes % 60 == 0) ? (minutes / 60) + " hours" : minutes + " minutes";
	}

	private ZoneId zone(String text) {
		if (text == null || text.isBlank()) {
			return this.defaultZone;
		}
		try {
			if (text.length() > 64) {
				throw new DateTimeException("too long");
			}
			return ZoneId.of(text.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidRequestException("TimeZone must be a time zone such as Europe/Paris or UTC");
		}
	}

	/**
	 * A timer started, and the entry logged for the one it stopped, if any.
	 *
	 * @param timer the new timer
	 * @param stopped the entry of the timer it replaced, or {@code null}
	 */
	public record Started(Timer timer, TimeEntry stopped) {
	}

}
