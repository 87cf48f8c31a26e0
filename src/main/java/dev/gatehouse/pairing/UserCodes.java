package dev.gatehouse.pairing;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * User codes (RFC 8628 §6.1): eight letters from twenty consonants, shown as
 * {@code BCDF-GHJK}. No vowels, so no words; no 0/O or 1/I to confuse; about 34 bits,
 * which guessing, limited per user and per address while a code lives ten minutes, does
 * not reach. Typed codes are read case-insensitively, with or without the dash or spaces.
 */
final class UserCodes {

	static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

	static final int LENGTH = 8;

	private UserCodes() {
	}

	static String generate(SecureRandom random) {
		StringBuilder code = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/**
	 * A typed code as stored, or empty if it cannot be one.
	 * @param typed what the user typed
	 * @return eight letters of the alphabet
	 */
	static Optional<String> normalise(String typed) {
		if (typed == null || typed.length() > 32) {
			return Optional.empty();
		}
		StringBuilder code = new StringBuilder(LENGTH);
		for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
			if (c == '-' || c == ' ') {
				continue;
			}
			if (ALPHABET.indexOf(c) < 0) {
				return Optional.empty();
			}
			code.append(c);
		}
		return (code.length() == LENGTH) ? Optional.of(code.toString()) : Optional.empty();
	}

	/**
	 * A stored code as shown: {@code BCDF-GHJK}.
	 */
	static String display(String code) {
		return code.substring(0, 4) + "-" + code.substring(4);
	}

}
