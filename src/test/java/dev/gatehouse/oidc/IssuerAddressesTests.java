package dev.gatehouse.oidc;

import java.io.IOException;
import java.net.URI;

import dev.gatehouse.system.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which issuers and key addresses Gatehouse fetches from: https on a public address only,
 * unless local issuers are allowed; never a file, never the cloud metadata service.
 */
class IssuerAddressesTests {

	private final IssuerAddresses production = new IssuerAddresses(false);

	private final IssuerAddresses trying = new IssuerAddresses(true);

	@Test
	void checkedIssuerWhenHttpsOnPublicAddressThenAccepted() {
		assertThat(this.production.checkedIssuer("https://93.184.215.14")).isEqualTo("https://93.184.215.14");
	}

	@Test
	void checkedIssuerWhenLocalOrPlainHttpThenRefusedUnlessAllowed() {
		for (String local : new String[] { "https://localhost:8443", "https://127.0.0.1", "https://169.254.169.254",
				"https://10.0.0.5", "https://192.168.1.1", "https://[::1]", "https://[fd00::1]", "https://0.0.0.0" }) {
			assertThatExceptionOfType(InvalidRequestException.class).as(local)
				.isThrownBy(() -> this.production.checkedIssuer(local))
				.withMessageContaining("GATEHOUSE_ALLOW_LOCAL_ISSUERS");
			assertThat(this.trying.checkedIssuer(local)).isEqualTo(local);
		}
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.production.checkedIssuer("http://93.184.215.14"));
		assertThat(this.trying.checkedIssuer("http://localhost:9000")).isEqualTo("http://localhost:9000");
	}

	@Test
	void checkedKeysLocationWhenFileOrQueryOrTooLongThenRefused() {
		for (String bad : new String[] { "file:///etc/passwd", "https://93.184.215.14/keys?x=1",
				"https://93.184.215.14/" + "k".repeat(2000), "not a url", "ftp://93.184.215.14/keys" }) {
			assertThatExceptionOfType(InvalidRequestException.class).as(bad)
				.isThrownBy(() -> this.trying.checkedKeysLocation(bad));
		}
	}

	@Test
	void retrieverWhenAddressNotAllowedThenFetchesNothing() {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.production.retriever(1000, 1000)
			.retrieveResource(URI.create("http://169.254.169.254/latest/meta-data").toURL()));
		assertThatExceptionOfType(IOException.class).isThrownBy(
				() -> this.trying.retriever(1000, 1000).retrieveResource(URI.create("file:///etc/passwd").toURL()));
	}

}
