package dev.gatehouse.notice;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.notice.Notice.MailState;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.AfterCommit;
import dev.gatehouse.user.UserService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Tells people what concerns them: a notice kept in the app, and the same text by mail
 * when an SMTP server is configured and they have an address. The mail leaves once the
 * notice is committed.
 */
@Service
public class NoticeService {

	private static final String SIGNATURE = "\n\n-- \nGatehouse. This message has no link on purpose: a message about"
			+ " your tokens that asks you to click one did not come from Gatehouse. Sign in as you always do to see"
			+ " your tokens and notices.\n";

	/** The longest text a notice keeps. */
	static final int MAX_TEXT = 4000;

	private final JdbcNoticeRepository notices;

	private final OutgoingMail mail;

	private final UserService users;

	private final Clock clock;

	private final Duration retention;

	NoticeService(JdbcNoticeRepository notices, OutgoingMail mail, UserService users, Clock clock,
			@Value("${gatehouse.notices.retention:180d}") Duration retention) {
		this.retention = retention;
		this.notices = notices;
		this.mail = mail;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Tells a person something.
	 * @param userId who
	 * @param subject one line
	 * @param text the facts; no links
	 */
	public void tell(long userId, String subject, String text) {
		Optional<User> user = this.users.findById(userId);
		if (user.isEmpty()) {
			return;
		}
		String address = user.get().email();
		MailState state = !this.mail.configured() ? MailState.NOT_CONFIGURED
				: OutgoingMail.usable(address) ? MailState.PENDING : MailState.NO_ADDRESS;
		String body = (text.length() > MAX_TEXT) ? text.substring(0, MAX_TEXT) : text;
		String line = (subject.length() > 200) ? subject.substring(0, 200) : subject;
		long id = this.notices.insert(userId, this.clock.instant(), line, body, state);
		if (state == MailState.PENDING) {
			AfterCommit.run(() -> this.mail.send(address, line, body + SIGNATURE,
					(sent) -> this.notices.mailed(id, sent ? MailState.SENT : MailState.FAILED)));
		}
	}

	/**
	 * The caller's notices, newest first.
	 */
	public CollectionPage<Notice> list(Caller caller, CollectionParameters parameters) {
		return this.notices.find(caller.userId(), parameters);
	}

	/**
	 * The caller's notices for the page, newest first; showing them marks them read.
	 */
	public CollectionPage<Notice> show(Caller caller, CollectionParameters parameters) {
		CollectionPage<Notice> page = list(caller, parameters);
		this.notices.markAllRead(caller.userId(), this.clock.instant());
		return page;
	}

	public long unread(Caller caller) {
		return this.notices.countUnread(caller.userId());
	}

	/**
	 * Forgets notices older than the retention period (180 days by default), every day,
	 * on one node at a time.
	 */
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT24H")
	@SchedulerLock(name = "notice-retention", lockAtMostFor = "PT30M")
	public void forgetOld() {
		this.notices.deleteOlderThan(this.clock.instant().minus(this.retention));
	}

	/**
	 * Whether notices also go out by mail.
	 */
	public boolean mailConfigured() {
		return this.mail.configured();
	}

}
