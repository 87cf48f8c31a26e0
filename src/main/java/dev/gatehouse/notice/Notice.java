package dev.gatehouse.notice;

import java.time.Instant;

/**
 * A notice to one person.
 *
 * @param id its id
 * @param userId to whom
 * @param createDate when
 * @param subject one line
 * @param text the facts, plain text
 * @param readDate when it was first shown on the notices page, or {@code null}
 * @param mail what became of its mail
 */
public record Notice(long id, long userId, Instant createDate, String subject, String text, Instant readDate,
		MailState mail) {

	/**
	 * What became of a notice's mail.
	 */
	public enum MailState {

		/** Waiting to be handed to the SMTP server. */
		PENDING,

		/** The SMTP server accepted it. */
		SENT,

		/** No SMTP server is configured: the notice is in the app only. */
		NOT_CONFIGURED,

		/** The person has no email address. */
		NO_ADDRESS,

		/** The SMTP server refused it or could not be reached. */
		FAILED

	}

}
