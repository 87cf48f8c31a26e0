package dev.gatehouse.notice;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import dev.gatehouse.identity.User;
import dev.gatehouse.token.AccessTokenRevoked;
import dev.gatehouse.token.AccessTokenUsedFromNewNetwork;
import dev.gatehouse.user.UserService;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells owners what the server did to their tokens on its own: the facts (which token,
 * when, from which address and client, why), and nothing to click. A project token's
 * notice goes to the administrators.
 */
@Component
class TokenNotices {

	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final int MAX_CLIENT = 120;

	/**
	 * Schemes, and dotted names a mail reader would link (www.example.com, evil.io/x).
	 */
	private static final Pattern LINK_LIKE = Pattern
		.compile("(?i)[a-z][a-z0-9+.-]*:/*|[\\w-]+(\\.[\\w-]+)*\\.[a-z][\\w-]*");

	private final NoticeService notices;

	private final UserService users;

	TokenNotices(NoticeService notices, UserService users) {
		this.notices = notices;
		this.users = users;
	}

	/**
	 * The client as it named itself, which anyone can choose: cut short, and with
	 * anything a mail reader would turn into a link defanged, so that no notice carries a
	 * link, not even one an attacker put in a User-Agent.
	 */
	static String client(String client) {
		if (client == null || client.isBlank()) {
			return "(none sent)";
		}
		String shown = (client.length() > MAX_CLIENT) ? client.substring(0, MAX_CLIENT) + "…" : client;
		return LINK_LIKE.matcher(shown).replaceAll((match) -> match.group().replace(".", "[.]").replace(":", "[:]"));
	}

	@EventListener
	void usedFromNewNetwork(AccessTokenUsedFromNewNetwork use) {
		this.notices.tell(use.ownerId(), "Your " + use.token() + " was used from a new network", "Token: " + use.token()
				+ "\nWhen: " + WHEN.format(use.date()) + "\nFrom address: " + use.address() + " (network "
				+ use.network() + ", never seen for this token before)\nClient: " + client(use.client())
				+ "\n\nIf this was you or one of your jobs, there is nothing to do. If not, sign in to Gatehouse"
				+ " as you always do and delete the token.");
	}

	@EventListener
	void revoked(AccessTokenRevoked revoked) {
		String subject = "Gatehouse revoked your " + revoked.token();
		String why = switch (revoked.reason()) {
			case REUSE_DETECTED -> "A value this token had before it was rotated was presented again after it had"
					+ " stopped working. Whoever sent it is not the job that rotated the token, so every value of"
					+ " the token was revoked.";
			case LEAK_REPORTED -> "Its value was reported as leaked (found in a public place) through the token"
					+ " revocation endpoint, so it was revoked.";
		};
		String text = "Token: " + revoked.token() + "\nWhen: " + WHEN.format(revoked.date()) + "\nFrom address: "
				+ revoked.address() + "\nClient: " + client(revoked.client()) + "\n\n" + why
				+ "\n\nIf you still need one, create a new token and give it only to the jobs that" + " use it.";
		if (revoked.ownerId() != null) {
			this.notices.tell(revoked.ownerId(), subject, text);
		}
		else {
			String projectSubject = "Gatehouse revoked the " + revoked.token();
			for (User administrator : this.users.activeAdministrators()) {
				this.notices.tell(administrator.id(), projectSubject, text);
			}
		}
	}

}
