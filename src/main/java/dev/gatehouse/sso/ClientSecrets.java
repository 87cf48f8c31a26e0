package dev.gatehouse.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.function.Supplier;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import dev.gatehouse.token.ServerKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Encrypts identity providers' client secrets under the server's key, as compact JWE
 * (direct key, AES-256-GCM; Nimbus JOSE): {@code GATEHOUSE_SECRET_KEY} when set, so that
 * a copy of the database alone reveals no secret; otherwise a key the server keeps in the
 * database, which protects against a secret read from a query result or a log, not
 * against a stolen database (docs/sso.md).
 */
@Component
class ClientSecrets {

	private static final Logger logger = LoggerFactory.getLogger(ClientSecrets.class);

	private static final JWEHeader HEADER = new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM);

	private final Supplier<SecretKey> key;

	ClientSecrets(ServerKeys keys, @Value("${gatehouse.secret-key:}") String configuredKey) {
		this.key = SingletonSupplier.of(() -> {
			if (configuredKey.isBlank()) {
				logger.warn("GATEHOUSE_SECRET_KEY is not set: identity providers' client secrets are encrypted"
						+ " under a key kept in the database (docs/sso.md)");
				return new SecretKeySpec(keys.get("sso-client-secrets"), "AES");
			}
			return new SecretKeySpec(sha256(configuredKey), "AES");
		});
	}

	String encrypt(String secret) {
		try {
			JWEObject jwe = new JWEObject(HEADER, new Payload(secret));
			jwe.encrypt(new DirectEncrypter(this.key.get()));
			return jwe.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not encrypt a client secret", ex);
		}
	}

	String decrypt(String encrypted) {
		try {
			JWEObject jwe = JWEObject.parse(encrypted);
			jwe.decrypt(new DirectDecrypter(this.key.get()));
			return jwe.getPayload().toString();
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException(
					"Could not decrypt a client secret: was GATEHOUSE_SECRET_KEY changed? (docs/sso.md)", ex);
		}
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
