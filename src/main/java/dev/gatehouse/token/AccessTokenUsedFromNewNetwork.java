package dev.gatehouse.token;

import java.time.Instant;

/**
 * A personal access token was used from a network (IPv4 /24, IPv6 /48) it had never been
 * used from, after uses from others: its owner is told (issue 16).
 *
 * @param ownerId the owner
 * @param token the token's label, never its value
 * @param network the new network
 * @param address the address within it
 * @param client the client's {@code User-Agent}, or {@code null}
 * @param date the minute of the use
 */
public record AccessTokenUsedFromNewNetwork(long ownerId, String token, String network, String address, String client,
		Instant date) {
}
