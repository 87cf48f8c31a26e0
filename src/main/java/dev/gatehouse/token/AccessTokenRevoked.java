package dev.gatehouse.token;

import java.time.Instant;

/**
 * A token was revoked by the server, not by a person: its owner must be told (issue 16).
 * Published after the revocation is written.
 *
 * @param ownerId the owner (for a project token, {@code null}: its project's
 * administrators are told)
 * @param projectId the project of a project token, or {@code null}
 * @param token the token's label, never its value
 * @param reason why
 * @param date when
 * @param address the address the value came from
 * @param client the client that presented it, or {@code null}
 */
public record AccessTokenRevoked(Long ownerId, Long projectId, String token, Reason reason, Instant date,
		String address, String client) {

	/**
	 * Why the server revoked a token.
	 */
	public enum Reason {

		/** A value replaced by a rotation was presented after its overlap. */
		REUSE_DETECTED,

		/** Someone reported the value as leaked. */
		LEAK_REPORTED

	}

}
