package dev.gatehouse.webhook;

import java.time.Clock;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.system.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Webhook addresses: never on this machine or the local network unless allowed, so that a
 * webhook is no way to reach the cloud metadata service or the database's host.
 */
class WebhookServiceTests {

	private static final Caller ADMINISTRATOR = new Caller(1, "admin", UserKind.User, true, true, true);

	private final WebhookService webhooks = new WebhookService(null, null, null, Clock.systemUTC(), false);

	@Test
	void registerWhenAddressIsLocalThenRefusedBeforeAnythingIsStored() {
		for (String url : new String[] { "http://127.0.0.1:8080/hooks", "http://169.254.169.254/latest/meta-data",
				"https://10.1.2.3/x", "http://[::1]/x", "http://localhost/x", "http://192.168.0.5/x",
				"https://[fd00::1]/x" }) {
			assertThatExceptionOfType(InvalidRequestException.class)
				.isThrownBy(() -> this.webhooks.register(ADMINISTRATOR, url))
				.withMessageContaining("local network");
		}
	}

	@Test
	void registerWhenUserInfoOrOtherSchemeThenRefused() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.webhooks.register(ADMINISTRATOR, "https://user:secret@example.com/x"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.webhooks.register(ADMINISTRATOR, "file:///etc/passwd"));
	}

}
