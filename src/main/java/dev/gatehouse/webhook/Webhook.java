package dev.gatehouse.webhook;

import java.time.Instant;

/**
 * A registered webhook; its signing secret is never stored.
 *
 * @param id its id
 * @param url where events are posted
 * @param createDate when it was registered
 */
public record Webhook(long id, String url, Instant createDate) {
}
