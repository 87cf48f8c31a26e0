package dev.gatehouse.reporting;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a refresh of the feed stands, as its {@code $skiptoken} carries it: how many rows
 * earlier pages delivered (for {@code $top}) and the values of the last row under the
 * page's order, so that the next page starts after that row by its key, not after a
 * number of rows that inserts and deletes would shift. The token is signed with a server
 * key over the entity set and the other query options, so a client can neither forge a
 * position nor move one to another query.
 *
 * @param delivered rows delivered by earlier pages
 * @param after the last row's values of the order terms, the key last; empty for a
 * position by count only (the results of {@code $apply})
 */
record FeedPosition(int delivered, List<Object> after) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final int SIGNATURE_BYTES = 16;

	/**
	 * The position as a {@code $skiptoken}.
	 * @param key the server's key
	 * @param scope what the token is good for: the entity set and the query options
	 * @return the token
	 */
	String sign(byte[] key, String scope) {
		StringBuilder payload = new StringBuilder(Integer.toString(this.delivered));
		for (Object value : this.after) {
			payload.append('.').append(encode(value));
		}
		return payload + "~" + ENCODER.encodeToString(mac(key, scope, payload.toString()));
	}

	/**
	 * A position from a {@code $skiptoken} this server gave out for the same query.
	 * @param token the token
	 * @param key the server's key
	 * @param scope the entity set and the query options of this request
	 * @return the position, or empty if the token is not one this server gave out for
	 * this query
	 */
	static Optional<FeedPosition> read(String token, byte[] key, String scope) {
		int tilde = token.lastIndexOf('~');
		if (tilde < 0) {
			return Optional.empty();
		}
		String payload = token.substring(0, tilde);
		byte[] signature;
		try {
			signature = DECODER.decode(token.substring(tilde + 1));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (!MessageDigest.isEqual(signature, mac(key, scope, payload))) {
			return Optional.empty();
		}
		// Signed by this server: well-formed by construction.
		String[] parts = payload.split("\\.", -1);
		List<Object> after = new ArrayList<>();
		for (String part : Arrays.asList(parts).subList(1, parts.length)) {
			after.add(decode(part));
		}
		return Optional.of(new FeedPosition(Integer.parseInt(parts[0]), after));
	}

	private static String encode(Object value) {
		if (value == null) {
			return "N";
		}
		String type = "S";
		String text = value.toString();
		if (value instanceof Long) {
			type = "L";
		}
		else if (value instanceof LocalDate) {
			type = "D";
		}
		else if (value instanceof BigDecimal decimal) {
			type = "M";
			text = decimal.toPlainString();
		}
		else if (value instanceof Boolean) {
			type = "B";
		}
		return type + ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static Object decode(String part) {
		if (part.equals("N")) {
			return null;
		}
		String text = new String(DECODER.decode(part.substring(1)), StandardCharsets.UTF_8);
		return switch (part.charAt(0)) {
			case 'L' -> Long.valueOf(text);
			case 'D' -> LocalDate.parse(text);
			case 'M' -> new BigDecimal(text);
			case 'B' -> Boolean.valueOf(text);
			default -> text;
		};
	}

	private static byte[] mac(byte[] key, String scope, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update(scope.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

}
