package dev.gatehouse.token;

import java.time.Instant;

/**
 * Uses of one user's service token from one address and client.
 *
 * @param userId the user
 * @param login the user's login
 * @param address the client address
 * @param client the client's {@code User-Agent}, empty if none
 * @param firstUsedDate the first use recorded
 * @param lastUsedDate the latest
 * @param uses how many requests
 */
public record ServiceTokenUse(long userId, String login, String address, String client, Instant firstUsedDate,
		Instant lastUsedDate, long uses) {
}
