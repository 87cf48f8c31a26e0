package dev.gatehouse.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Networks as the usage log tells them apart: IPv4 /24, IPv6 /48, and nothing from what
 * is no address literal (never a DNS lookup).
 */
class NetworkTests {

	@Test
	void ofWhenAddressThenItsNetwork() {
		assertThat(Network.of("203.0.113.77")).contains("203.0.113.0/24");
		assertThat(Network.of("2001:db8:1:2::5")).contains("2001:db8:1::/48");
		assertThat(Network.of("::ffff:198.51.100.9")).contains("198.51.100.0/24");
		assertThat(Network.of("fe80::1%eth0")).contains("fe80:0:0::/48");
	}

	@Test
	void ofWhenNoAddressLiteralThenEmpty() {
		assertThat(Network.of("example.com")).isEmpty();
		assertThat(Network.of("999.1.1.1")).isEmpty();
		assertThat(Network.of(null)).isEmpty();
		assertThat(Network.of("unknown")).isEmpty();
	}

}
