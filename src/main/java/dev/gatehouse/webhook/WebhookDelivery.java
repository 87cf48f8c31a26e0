package dev.gatehouse.webhook;

import java.time.Instant;

/**
 * One event posted to one webhook, with its attempts.
 *
 * @param id its id
 * @param webhookId the webhook
 * @param messageId the {@code webhook-id}, the same on every attempt
 * @param event the event type
 * @param createDate when the event happened
 * @param attempts attempts made
 * @param state {@code PENDING}, {@code DELIVERED} or {@code FAILED}
 * @param nextAttemptDate when the next attempt is due, or {@code null}
 * @param lastStatus the HTTP status of the last attempt, or {@code null}
 * @param lastError why the last attempt failed, or {@code null}
 */
public record WebhookDelivery(long id, long webhookId, String messageId, String event, Instant createDate, int attempts,
		String state, Instant nextAttemptDate, Integer lastStatus, String lastError) {
}
