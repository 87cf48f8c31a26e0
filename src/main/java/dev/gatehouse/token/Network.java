package dev.gatehouse.token;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network an address belongs to, as the usage log tells networks apart: IPv4 /24,
 * IPv6 /48. A new one for a token tells its owner.
 */
public final class Network {

	private static final Pattern IPV4 = Pattern.compile(
			"(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

	/** With a colon, Java reads it as an IPv6 literal and never asks DNS. */
	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[\\w.]+)?");

	private Network() {
	}

	/**
	 * The network of an address.
	 * @param address an IP address literal, as the server saw the client
	 * @return e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1::/48}; empty for anything
	 * that is no address literal (never looked up in DNS)
	 */
	public static Optional<String> of(String address) {
		if (address == null || address.length() > 64) {
			return Optional.empty();
		}
		Matcher ipv4 = IPV4.matcher(address);
		if (ipv4.matches()) {
			return Optional.of(Integer.parseInt(ipv4.group(1)) + "." + Integer.parseInt(ipv4.group(2)) + "."
					+ Integer.parseInt(ipv4.group(3)) + ".0/24");
		}
		if (!IPV6.matcher(address).matches()) {
			return Optional.empty();
		}
		String literal = address.contains("%") ? address.substring(0, address.indexOf('%')) : address;
		try {
			byte[] bytes = InetAddress.getByName(literal).getAddress();
			if (bytes.length == 4) {
				// An IPv4-mapped IPv6 address.
				return Optional.of((bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24");
			}
			return Optional.of(String.format("%x:%x:%x::/48", word(bytes, 0), word(bytes, 2), word(bytes, 4)));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	private static int word(byte[] bytes, int at) {
		return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
	}

}
