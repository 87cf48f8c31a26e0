package dev.gatehouse.audit;

import java.time.Instant;

/**
 * One entry of the audit log. Tokens appear by id, name and last four characters, never
 * by value.
 *
 * @param id the id
 * @param date when it happened (the first occurrence, for a burst)
 * @param action what happened
 * @param actorId who did it, or {@code null} (an anonymous request)
 * @param actorLogin the actor's login
 * @param subjectId the user it concerns (e.g. a token's owner), or {@code null}
 * @param subjectLogin that user's login
 * @param target what it was done to, e.g. {@code token #4 "CI" …x7Qa}
 * @param reason why, for refusals
 * @param address the client address
 * @param occurrences how many times it happened (a refusal burst is one event)
 */
public record AuditEvent(long id, Instant date, AuditAction action, Long actorId, String actorLogin, Long subjectId,
		String subjectLogin, String target, String reason, String address, int occurrences) {

}
