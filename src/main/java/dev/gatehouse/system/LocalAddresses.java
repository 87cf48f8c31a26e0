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
		return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address);
	}

	/** IPv6 unique local addresses (fc00::/7), which Java does not call site-local. */
	private static boolean isUniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

}
