package dev.gatehouse.token;

import java.time.Instant;

/**
 * A line of a token's usage log: identical uses within one minute.
 *
 * @param minute the minute they fell in
 * @param address the client address
 * @param client the client's {@code User-Agent}, empty if none
 * @param method the HTTP method
 * @param route the route template, never the query string
 * @param transport how the token arrived
 * @param uses how many requests
 */
public record TokenUseEntry(Instant minute, String address, String client, String method, String route,
		TokenCarrier transport, long uses) {
}
