package dev.gatehouse.system;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a host is on this machine or the local network: loopback, link-local, private
 * (site-local and IPv6 unique local), any-local or multicast. Addresses an administrator
 * names for the server to fetch from or post to (an issuer, a webhook) must not be,
 * unless allowed: otherwise they reach the cloud metadata service or the database's host.
 */
public final class LocalAddresses {

	private LocalAddresses() {
	}

	/**
	 * Whether any address the host resolves to is local.
	 * @param host a host name or address literal
	 * @return whether it is local; {@code false} when it does not resolve now
	 */
	public static boolean isLocal(String host) {
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (isLocal(address)) {
					return true;
				}
			}
			return false;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Whether an address is local.
	 * @param address the address
	 * @return whether it is local
	 */
	public static boolean isLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 16) {
			byte[] embedded = embeddedIpv4(bytes);
			if (embedded != null) {
				return isLocalIpv4(embedded) || isLocal(toAddress(embedded));
			}
		}
		return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)
				|| (bytes.length == 4 && isLocalIpv4(bytes));
	}

	/**
	 * IPv4 ranges Java does not call local but that are not the public internet: "this
	 * network" 0.0.0.0/8, shared address space 100.64.0.0/10 (where some clouds put their
	 * metadata service), benchmarking 198.18.0.0/15.
	 */
	private static boolean isLocalIpv4(byte[] bytes) {
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return first == 0 || (first == 100 && second >= 64 && second <= 127)
				|| (first == 198 && (second == 18 || second == 19)) || first == 127 || first == 10
				|| (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)
				|| (first == 169 && second == 254);
	}

	/**
	 * The IPv4 address an IPv6 one carries: IPv4-compatible ::a.b.c.d, NAT64
	 * 64:ff9b::/96, 6to4 2002::/16; {@code null} for any other.
	 */
	private static byte[] embeddedIpv4(byte[] bytes) {
		boolean zeros = true;
		for (int i = 0; i < 12; i++) {
			zeros &= bytes[i] == 0;
		}
		boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
				&& (bytes[3] & 0xff) == 0x9b;
		for (int i = 4; nat64 && i < 12; i++) {
			nat64 = bytes[i] == 0;
		}
		if ((zeros && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0)) || nat64) {
			return new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] };
		}
		if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
			return new byte[] { bytes[2], bytes[3], bytes[4], bytes[5] };
		}
		return null;
	}

	private static InetAddress toAddress(byte[] ipv4) {
		try {
			return InetAddress.getByAddress(ipv4);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Four bytes are an IPv4 address", ex);
		}
	}

	/** IPv6 unique local addresses (fc00::/7), which Java does not call site-local. */
	private static boolean isUniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

}
