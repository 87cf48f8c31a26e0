package dev.gatehouse.notice;

import java.time.Instant;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.notice.Notice.MailState;
import dev.gatehouse.query.CollectionParameters;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices: one person's, newest first, marked read together, their mail's fate recorded,
 * old ones forgotten.
 */
@Import(JdbcNoticeRepository.class)
class JdbcNoticeRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");

	@Autowired
	private JdbcNoticeRepository notices;

	@Test
	void findWhenSeveralThenTheirOwnNewestFirstAndReadTogether() {
		long ann = user(unique("ann"), false);
		long bob = user(unique("bob"), false);
		long older = this.notices.insert(ann, NOW.minusSeconds(60), "first", "text", MailState.PENDING);
		this.notices.insert(ann, NOW, "second", "text", MailState.NOT_CONFIGURED);
		this.notices.insert(bob, NOW, "not ann's", "text", MailState.NO_ADDRESS);

		this.notices.mailed(older, MailState.SENT);

		assertThat(this.notices.find(ann, CollectionParameters.firstPage()).items()).extracting(Notice::subject)
			.containsExactly("second", "first");
		assertThat(this.notices.find(ann, CollectionParameters.firstPage()).items().get(1).mail())
			.isEqualTo(MailState.SENT);
		assertThat(this.notices.countUnread(ann)).isEqualTo(2);
		assertThat(this.notices.markAllRead(ann, NOW)).isEqualTo(2);
		assertThat(this.notices.countUnread(ann)).isZero();
		assertThat(this.notices.countUnread(bob)).isEqualTo(1);
		assertThat(this.notices.deleteOlderThan(NOW.minusSeconds(30))).isGreaterThanOrEqualTo(1);
		assertThat(this.notices.find(ann, CollectionParameters.firstPage()).items()).extracting(Notice::subject)
			.containsExactly("second");
	}

}
