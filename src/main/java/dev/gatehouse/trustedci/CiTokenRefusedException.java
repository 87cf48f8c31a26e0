package dev.gatehouse.trustedci;

/**
 * A CI job's token that proves no trusted identity; the message says why, for the audit
 * log, never for the client.
 */
public class CiTokenRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CiTokenRefusedException(String reason) {
		super(reason);
	}

}
