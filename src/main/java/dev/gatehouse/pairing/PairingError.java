package dev.gatehouse.pairing;

/**
 * An OAuth error (RFC 6749 §5.2, RFC 8628 §3.5) for the app: {@code invalid_request},
 * {@code invalid_scope}, {@code invalid_grant}, {@code unsupported_grant_type},
 * {@code authorization_pending}, {@code slow_down}, {@code access_denied} or
 * {@code expired_token}.
 */
class PairingError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String error;

	PairingError(String error, String description) {
		super(description, null, false, false);
		this.error = error;
	}

	String error() {
		return this.error;
	}

}
