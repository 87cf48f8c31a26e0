package dev.gatehouse.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which hosts are on this machine or the local network: never a webhook's or an issuer's
 * address unless allowed.
 */
class LocalAddressesTests {

	@Test
	void isLocalWhenLoopbackPrivateLinkLocalOrSharedThenTrue() {
		for (String host : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
				"100.100.100.200", "0.1.2.3", "198.18.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1",
				"64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::a9fe:a9fe", "localhost" }) {
			assertThat(LocalAddresses.isLocal(host)).as(host).isTrue();
		}
	}

	@Test
	void isLocalWhenPublicThenFalse() {
		for (String host : new String[] { "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8",
				"100.128.0.1", "64:ff9b::808:808" }) {
			assertThat(LocalAddresses.isLocal(host)).as(host).isFalse();
		}
	}

}
