package dev.gatehouse.authentication;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.CoherentCache;

import org.springframework.stereotype.Component;

/**
 * Remembers, for a few minutes, which HTTP Basic login and password pairs were verified,
 * so that a script sending Basic on every request pays the BCrypt check (tens of
 * milliseconds) once, and its parallel requests wait for that one check instead of each
 * taking a failed-login token.
 *
 * <p>
 * Entries are keyed by an HMAC of login and password under a key that lives only in this
 * process's memory: neither the password nor a fast hash of it is kept. An entry is
 * dropped on every node when its user changes, and a hit is only good while the user's
 * credential version is the one verified.
 */
@Component
class VerifiedPasswords {

	private final byte[] key = new byte[32];

	private final CoherentCache<String, Verified> verified;

	VerifiedPasswords(ChangeNotifications changes) {
		new SecureRandom().nextBytes(this.key);
		this.verified = CoherentCache.on(changes, Topic.USER, 10_000, Duration.ofMinutes(5), Verified::userId);
	}

	/**
	 * The verified user for this login and password: remembered, or checked by
	 * {@code check} (which throws when they are wrong; nothing is remembered then).
	 */
	Verified verify(String login, String password, Supplier<Verified> check) {
		return this.verified.get(fingerprint(login, password), (fingerprint) -> Optional.of(check.get())).orElseThrow();
	}

	private String fingerprint(String login, String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			mac.update(login.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

	/**
	 * A login and password that matched.
	 *
	 * @param userId whose
	 * @param credentialVersion the user's credential version then
	 */
	record Verified(long userId, int credentialVersion) {
	}

}
