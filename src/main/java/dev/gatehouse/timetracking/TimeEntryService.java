package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.reporting.ReportingView;
import dev.gatehouse.reporting.ReportingViews;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.user.UserService;
import dev.gatehouse.workitem.UserStory;
import dev.gatehouse.workitem.UserStoryService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time entries (SPEC §6.8). Users log, change and delete their own time on the stories
 * they can see; administrators also someone else's, which is audited. Every entry is more
 * than 0 and at most 24 hours, in steps of 0.01, and a user's day holds at most 24 hours,
 * decided one write at a time per user.
 */
@Service
public class TimeEntryService {

	/** The earliest day time can be logged on. */
	static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final BigDecimal DAY = BigDecimal.valueOf(24);

	private static final int MAX_DESCRIPTION = 2000;

	private final JdbcTimeEntryRepository entries;

	private final UserStoryService stories;

	private final UserService users;

	private final ReportingViews views;

	private final AuditLog audit;

	private final Clock clock;

	TimeEntryService(JdbcTimeEntryRepository entries, UserStoryService stories, UserService users, ReportingViews views,
			AuditLog audit, Clock clock) {
		this.entries = entries;
		this.stories = stories;
		this.users = users;
		this.views = views;
		this.audit = audit;
		this.clock = clock;
	}

	public TimeEntry get(Caller caller, long id) {
		return this.entries.findVisible(view(caller), id).orElseThrow(() -> NotFoundException.of("Time", id));
	}

	/**
	 * The caller's entries; administrators see everyone's.
	 */
	public CollectionPage<TimeEntry> list(Caller caller, CollectionParameters parameters) {
		return list(view(caller), parameters);
	}

	/**
	 * The entries of a view's caller; administrators see everyone's. Work item names
	 * follow the view (SPEC §6.3, §6.4).
	 */
	public CollectionPage<TimeEntry> list(ReportingView view, CollectionParameters parameters) {
		return this.entries.findVisible(view, parameters);
	}

	/**
	 * The view a caller's time views are read with: through the service account, work
	 * items of projects they cannot access are named as the privacy setting allows.
	 * @param caller who reads
	 * @return the view
	 */
	public ReportingView view(Caller caller) {
		return this.views.open(caller, "time entries");
	}

	@Transactional
	public TimeEntry create(Caller caller, TimeEntryChanges changes) {
		if (changes.userStoryId() == null || changes.date() == null || changes.spent() == null) {
			throw new InvalidRequestException("UserStory, Date and Spent are required");
		}
		long userId = owner(caller, changes.userId(), caller.userId());
		Written written = check(caller, userId, changes.userStoryId(), changes.date(), changes.spent(),
				changes.description(), 0);
		long id = this.entries.insert(userId, written.storyId(), written.date(), written.spent(), written.description(),
				Objects.requireNonNullElse(changes.billable(), false), this.clock.instant());
		TimeEntry entry = get(caller, id);
		auditForOthers(caller, entry, "logged");
		return entry;
	}

	@Transactional
	public TimeEntry update(Caller caller, long id, TimeEntryChanges changes) {
		TimeEntry current = existing(caller, id);
		long userId = owner(caller, changes.userId(), current.userId());
		long storyId = Objects.requireNonNullElse(changes.userStoryId(), current.userStoryId());
		Written written = check(caller, userId, storyId, Objects.requireNonNullElse(changes.date(), current.date()),
				Objects.requireNonNullElse(changes.spent(), current.spent()),
				(changes.description() != null) ? changes.description() : current.description(), id);
		this.entries.update(id, userId, written.storyId(), written.date(), written.spent(), written.description(),
				Objects.requireNonNullElse(changes.billable(), current.billable()), this.clock.instant());
		TimeEntry entry = get(caller, id);
		if (current.userId() != userId) {
			auditForOthers(caller, current, "moved to user #" + userId + " from");
		}
		auditForOthers(caller, entry, "changed");
		return entry;
	}

	@Transactional
	public void delete(Caller caller, long id) {
		TimeEntry entry = existing(caller, id);
		this.entries.delete(id);
		auditForOthers(caller, entry, "deleted");
	}

	/**
	 * The entry a write changes, found with the caller's own rights: finding it is no
	 * report, so it is not read through the service account nor audited as such.
	 */
	private TimeEntry existing(Caller caller, long id) {
		return this.entries.findVisible(ReportingView.withoutServiceAccount(caller), id)
			.orElseThrow(() -> NotFoundException.of("Time", id));
	}

	/**
	 * The hours still free on a user's day. Call with the user locked.
	 */
	BigDecimal roomOn(long userId, LocalDate date) {
		return DAY.subtract(this.entries.dayTotal(userId, date, 0)).max(BigDecimal.ZERO);
	}

	/**
	 * Whether a user may have time on a project's stories.
	 */
	boolean mayLogOn(long userId, long projectId) {
		return this.entries.mayLogOn(userId, projectId);
	}

	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * Whose time an entry is: the caller's, or anyone's for administrators.
	 */
	private long owner(Caller caller, Long requested, long current) {
		if (caller.isRequester()) {
			throw new AccessRefusedException("Requesters do not track time");
		}
		if (requested == null || requested == current) {
			return current;
		}
		if (!caller.administrator()) {
			throw new AccessRefusedException("Only administrators log or move time for someone else");
		}
		User user = this.users.findById(requested)
			.orElseThrow(() -> new InvalidRequestException("User " + requested + " was not found"));
		if (user.isSystem() || user.isRequester()) {
			throw new InvalidRequestException("User " + requested + " does not track time");
		}
		return user.id();
	}

	private Written check(Caller caller, long userId, long storyId, LocalDate date, BigDecimal spent,
			String description, long exceptId) {
		UserStory story;
		try {
			story = this.stories.get(caller, storyId);
		}
		catch (NotFoundException ex) {
			// Never a hint that a story the caller cannot see exists.
			throw new InvalidRequestException("UserStory " + storyId + " was not found");
		}
		if (userId != caller.userId() && !this.entries.mayLogOn(userId, story.projectId())) {
			throw new InvalidRequestException("User " + userId + " is not a member of project #" + story.projectId()
					+ " and cannot have time on its stories");
		}
		if (date.isBefore(EARLIEST) || date.isAfter(today().plusDays(1))) {
			throw new InvalidRequestException("Date must be between " + EARLIEST + " and tomorrow");
		}
		if (spent.signum() <= 0 || spent.compareTo(DAY) > 0 || spent.stripTrailingZeros().scale() > 2) {
			throw new InvalidRequestException("Spent must be more than 0 and at most 24 hours, with two decimals");
		}
		// One write at a time per user, so two entries cannot both fit the same hours.
		this.users.lockUser(userId);
		BigDecimal logged = this.entries.dayTotal(userId, date, exceptId);
		if (logged.add(spent).compareTo(DAY) > 0) {
			throw new InvalidRequestException("A day has 24 hours: " + logged.stripTrailingZeros().toPlainString()
					+ " are already logged on " + date);
		}
		return new Written(story.id(), date, spent.setScale(2),
				TextRules.multiLine("Description", description, MAX_DESCRIPTION));
	}

	private void auditForOthers(Caller caller, TimeEntry entry, String what) {
		if (entry.userId() != caller.userId()) {
			this.audit.record(AuditAction.TIME_ENTRY_CHANGED, caller, entry.userId(), entry.userLogin(),
					"time #" + entry.id() + " " + what + ": " + entry.spent().toPlainString() + " h on " + entry.date()
							+ ", user story #" + entry.userStoryId());
		}
	}

	private record Written(long storyId, LocalDate date, BigDecimal spent, String description) {
	}

}
