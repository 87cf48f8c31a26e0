package dev.gatehouse;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) for the test server's mail, started once per test JVM on
 * a free port. Tests find the mails sent to their users' unique addresses.
 */
public final class TestMailServer {

	private static GreenMail server;

	private TestMailServer() {
	}

	/**
	 * Starts the server if need be and points the test server's mail at it.
	 * @param registry the properties of the test server
	 */
	static synchronized void register(DynamicPropertyRegistry registry) {
		if (server == null) {
			server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
			server.start();
		}
		int port = server.getSmtp().getPort();
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> port);
		registry.add("gatehouse.mail.from", () -> "gatehouse@gatehouse.test");
	}

	/**
	 * The mails an address received, waiting up to ten seconds for at least one.
	 * @param address the recipient
	 * @return the mails, oldest first
	 */
	public static List<MimeMessage> mailsTo(String address) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		List<MimeMessage> found = List.of();
		while (found.isEmpty() && Instant.now().isBefore(deadline)) {
			found = Arrays.stream(server.getReceivedMessages()).filter((mail) -> sentTo(mail, address)).toList();
			if (found.isEmpty()) {
				sleep();
			}
		}
		return found;
	}

	/**
	 * The text of a plain-text mail.
	 */
	public static String text(MimeMessage mail) {
		try {
			return String.valueOf(mail.getContent());
		}
		catch (java.io.IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean sentTo(MimeMessage mail, String address) {
		try {
			Address[] to = mail.getRecipients(Message.RecipientType.TO);
			return to != null && Arrays.stream(to).anyMatch((recipient) -> recipient.toString().equals(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
