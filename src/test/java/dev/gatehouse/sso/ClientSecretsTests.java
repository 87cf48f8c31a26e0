package dev.gatehouse.sso;

import dev.gatehouse.token.ServerKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * A client secret encrypted under the configured key: never stored as it was given, read
 * back only under the same key, and different each time it is encrypted.
 */
class ClientSecretsTests {

	private final ServerKeys keys = mock(ServerKeys.class);

	@Test
	void encryptWhenKeyConfiguredThenOpaqueAndReadBackUnderTheSameKey() {
		ClientSecrets secrets = new ClientSecrets(this.keys, "a long random configured key");

		String once = secrets.encrypt("client-secret-value");
		String twice = secrets.encrypt("client-secret-value");

		assertThat(once).doesNotContain("client-secret-value").isNotEqualTo(twice);
		assertThat(secrets.decrypt(once)).isEqualTo("client-secret-value");
		assertThat(new ClientSecrets(this.keys, "a long random configured key").decrypt(twice))
			.isEqualTo("client-secret-value");
		verifyNoInteractions(this.keys);
	}

	@Test
	void decryptWhenAnotherKeyThenRefusedWithAHint() {
		String encrypted = new ClientSecrets(this.keys, "the first key").encrypt("client-secret-value");

		assertThatIllegalStateException()
			.isThrownBy(() -> new ClientSecrets(this.keys, "another key").decrypt(encrypted))
			.withMessageContaining("GATEHOUSE_SECRET_KEY");
	}

}
