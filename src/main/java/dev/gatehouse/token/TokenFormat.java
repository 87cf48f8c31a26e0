package dev.gatehouse.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The shape of every Gatehouse token (SPEC §4.6): an optional instance prefix, a prefix
 * naming the kind, a body, and a CRC32 checksum of everything before it.
 *
 * <pre>
 * [instance_]gpat_&lt;30 base62 characters: 178 random bits&gt;&lt;6 base62 characters: CRC32&gt;
 * </pre>
 *
 * The checksum lets the server, and secret scanners, reject a mistyped or invented token
 * without looking anything up. Base62 keeps a token one "word" for double-click
 * selection. The regular expressions for scanners are in {@code docs/tokens.md}.
 */
@Component
public class TokenFormat {

	/** Characters of the random body of personal and project tokens (~178 bits). */
	static final int RANDOM_LENGTH = 30;

	/** Characters of the checksum. */
	static final int CHECKSUM_LENGTH = 6;

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final BigInteger BASE = BigInteger.valueOf(62);

	private static final Pattern INSTANCE = Pattern.compile("[a-z0-9]{1,16}");

	private final SecureRandom random = new SecureRandom();

	private final String instancePrefix;

	TokenFormat(@Value("${gatehouse.tokens.instance-prefix:}") String instance) {
		if (!instance.isEmpty() && !INSTANCE.matcher(instance).matches()) {
			throw new IllegalArgumentException("gatehouse.tokens.instance-prefix must be 1 to 16 of a-z and 0-9");
		}
		this.instancePrefix = instance.isEmpty() ? "" : instance + "_";
	}

	/**
	 * A new random token of the given kind.
	 * @param kind personal or project
	 * @return the token, to be shown once
	 */
	public String generate(TokenKind kind) {
		StringBuilder body = new StringBuilder(RANDOM_LENGTH);
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			body.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return withChecksum(this.instancePrefix + kind.prefix() + body);
	}

	/**
	 * A token whose body carries data (service tokens), encoded in base62 with a fixed
	 * length.
	 * @param kind the kind
	 * @param payload the bytes to carry
	 * @param length the base62 length of the body
	 * @return the token
	 */
	String encode(TokenKind kind, byte[] payload, int length) {
		return withChecksum(this.instancePrefix + kind.prefix() + base62(payload, length));
	}

	/**
	 * Recognises a token of this instance and checks its checksum, without any lookup.
	 * @param token what the client sent
	 * @return the kind and body, or empty if it is not a well-formed token
	 */
	public Optional<ParsedToken> parse(String token) {
		if (token == null || token.length() > 200 || !token.startsWith(this.instancePrefix)) {
			return Optional.empty();
		}
		for (TokenKind kind : TokenKind.values()) {
			String prefix = this.instancePrefix + kind.prefix();
			if (token.startsWith(prefix) && token.length() > prefix.length() + CHECKSUM_LENGTH) {
				String signed = token.substring(0, token.length() - CHECKSUM_LENGTH);
				String checksum = token.substring(token.length() - CHECKSUM_LENGTH);
				String body = signed.substring(prefix.length());
				if (isBase62(body) && checksum(signed).equals(checksum)) {
					return Optional.of(new ParsedToken(kind, body));
				}
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	static byte[] decodeBase62(String text, int bytes) {
		BigInteger value = BigInteger.ZERO;
		for (int i = 0; i < text.length(); i++) {
			value = value.multiply(BASE).add(BigInteger.valueOf(ALPHABET.indexOf(text.charAt(i))));
		}
		byte[] raw = value.toByteArray();
		byte[] fixed = new byte[bytes];
		int copy = Math.min(raw.length, bytes);
		System.arraycopy(raw, raw.length - copy, fixed, bytes - copy, copy);
		return fixed;
	}

	private static String withChecksum(String signed) {
		return signed + checksum(signed);
	}

	private static String checksum(String signed) {
		CRC32 crc = new CRC32();
		crc.update(signed.getBytes(StandardCharsets.US_ASCII));
		return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM_LENGTH);
	}

	private static String base62(byte[] bytes, int length) {
		return base62(new BigInteger(1, bytes), length);
	}

	private static String base62(BigInteger value, int length) {
		char[] digits = new char[length];
		BigInteger rest = value;
		for (int i = length - 1; i >= 0; i--) {
			BigInteger[] divided = rest.divideAndRemainder(BASE);
			digits[i] = ALPHABET.charAt(divided[1].intValue());
			rest = divided[0];
		}
		if (rest.signum() != 0) {
			throw new IllegalArgumentException("Value does not fit " + length + " base62 digits");
		}
		return new String(digits);
	}

	private static boolean isBase62(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (ALPHABET.indexOf(text.charAt(i)) < 0) {
				return false;
			}
		}
		return !text.isEmpty();
	}

	/**
	 * A token that passed the format and checksum checks.
	 *
	 * @param kind what kind of token
	 * @param body the part between prefix and checksum
	 */
	public record ParsedToken(TokenKind kind, String body) {
	}

}
