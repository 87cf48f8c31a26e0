package dev.gatehouse.notice;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import dev.gatehouse.project.ProjectService;
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

	private final ProjectService projects;

	TokenNotices(NoticeService notices, UserService users, ProjectService projects) {
		this.notices = notices;
		this.users = users;
		this.projects = projects;
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
		return defanged(shown);
	}

	/**
	 * Text someone else chose (a token's name, an address a proxy passed on), with
	 * anything a mail reader would turn into a link defanged.
	 */
	static String defanged(String text) {
		return (text != null)
				? LINK_LIKE.matcher(text).replaceAll((match) -> match.group().replace(".", "[.]").replace(":", "[:]"))
				: null;
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
		String token = defanged(revoked.token());
		String subject = "Gatehouse revoked your " + token;
		String why = switch (revoked.reason()) {
			case REUSE_DETECTED -> "A value this token had before it was rotated was presented again after it had"
					+ " stopped working. Whoever sent it is not the job that rotated the token, so every value of"
					+ " the token was revoked.";
			case LEAK_REPORTED -> "Its value was reported as leaked (found in a public place) through the token"
					+ " revocation endpoint, so it was revoked.";
		};
		String text = "Token: " + token + "\nWhen: " + WHEN.format(revoked.date()) + "\nFrom address: "
				+ defanged(revoked.address()) + "\nClient: " + client(revoked.client()) + "\n\n" + why
				+ "\n\nIf you still need one, create a new token and give it only to the jobs that" + " use it.";
		if (revoked.ownerId() != null) {
			this.notices.tell(revoked.ownerId(), subject, text);
		}
		else {
			String projectSubject = "Gatehouse revoked the " + token;
			Set<Long> told = new LinkedHashSet<>();
			if (revoked.projectId() != null) {
				told.addAll(this.projects.administratorIds(revoked.projectId()));
			}
			this.users.activeAdministrators().forEach((administrator) -> told.add(administrator.id()));
			told.forEach((userId) -> this.notices.tell(userId, projectSubject, text));
		}
	}

}
