package dev.gatehouse.notice;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Mail to people, through the SMTP server of {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST} and so on). Without one, nothing is sent and pages say so.
 * Mails are plain text, sent one after the other on a thread of their own, so a slow or
 * absent SMTP server never holds a request. An address with anything but one plain
 * address in it (a line break smuggling a header, a second recipient) is never used.
 */
@Component
public class OutgoingMail {

	private static final Logger logger = LoggerFactory.getLogger(OutgoingMail.class);

	private final ObjectProvider<JavaMailSender> senders;

	private final String from;

	private final ExecutorService sending = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "outgoing-mail");
		thread.setDaemon(true);
		return thread;
	});

	OutgoingMail(ObjectProvider<JavaMailSender> senders,
			@Value("${gatehouse.mail.from:gatehouse@localhost}") String from) {
		this.senders = senders;
		this.from = requireAddress(from);
	}

	/**
	 * Whether an SMTP server is configured.
	 * @return whether mail is sent at all
	 */
	public boolean configured() {
		return this.senders.getIfAvailable() != null;
	}

	/**
	 * Whether an address is one plain address that mail may go to.
	 * @param address an address as stored
	 * @return whether to use it
	 */
	public static boolean usable(String address) {
		if (address == null || address.isBlank() || address.chars().anyMatch(Character::isISOControl)) {
			return false;
		}
		try {
			InternetAddress[] parsed = InternetAddress.parse(address, true);
			return parsed.length == 1 && parsed[0].getAddress().equals(address.strip())
					&& parsed[0].getPersonal() == null;
		}
		catch (AddressException ex) {
			return false;
		}
	}

	/**
	 * Sends a plain-text mail, later, on the mail thread.
	 * @param to one usable address
	 * @param subject one line
	 * @param text the body
	 * @param outcome told {@code true} once the SMTP server accepted it, {@code false} if
	 * it did not
	 */
	void send(String to, String subject, String text, Consumer<Boolean> outcome) {
		JavaMailSender sender = this.senders.getIfAvailable();
		if (sender == null || !usable(to)) {
			outcome.accept(false);
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(to.strip());
		message.setSubject(subject.replaceAll("\\p{Cntrl}", " "));
		message.setText(text);
		this.sending.execute(() -> {
			boolean sent;
			try {
				sender.send(message);
				sent = true;
			}
			catch (MailException ex) {
				logger.warn("Could not send a mail: {}", ex.getMessage());
				sent = false;
			}
			try {
				outcome.accept(sent);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not record the outcome of a mail: {}", ex.toString());
			}
		});
	}

	@PreDestroy
	void finish() throws InterruptedException {
		this.sending.shutdown();
		this.sending.awaitTermination(10, TimeUnit.SECONDS);
	}

	private static String requireAddress(String address) {
		if (!usable(address)) {
			throw new IllegalStateException("gatehouse.mail.from must be one plain address");
		}
		return address.strip();
	}

}
