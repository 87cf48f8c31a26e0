package dev.gatehouse.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (https://www.standardwebhooks.com): HMAC-SHA256 over
 * {@code id.timestamp.body} under the webhook's secret, sent as
 * {@code webhook-signature: v1,<base64>} beside {@code webhook-id} and
 * {@code webhook-timestamp}. The secret is shown as {@code whsec_<base64 key>}.
 */
final class WebhookSignature {

	static final String SECRET_PREFIX = "whsec_";

	private WebhookSignature() {
	}

	static String secret(byte[] key) {
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	static String sign(byte[] key, String messageId, long timestamp, String body) {
		return "v1," + Base64.getEncoder().encodeToString(hmac(key, messageId + "." + timestamp + "." + body));
	}

	static byte[] hmac(byte[] key, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

}
