package dev.gatehouse.audit;

/**
 * What an audit event records.
 */
public enum AuditAction {

	/** A personal access token was created. */
	TOKEN_CREATED,

	/**
	 * A personal access token was deleted (revoked), by its owner or an administrator.
	 */
	TOKEN_DELETED,

	/** A token was presented and refused; the reason says why. */
	TOKEN_REFUSED,

	/**
	 * A personal access token got a new value, from its owner or from itself; the old
	 * value works until the overlap ends or the new one is first used.
	 */
	TOKEN_ROTATED,

	/**
	 * A value a personal or project access token had before a rotation was presented
	 * after its overlap: the token was revoked, every value of it.
	 */
	TOKEN_REUSE_DETECTED,

	/**
	 * Token values were reported as leaked through the unauthenticated revocation
	 * endpoint; every live one was revoked.
	 */
	TOKEN_LEAK_REPORTED,

	/** An administrator looked up which token a value belongs to. */
	TOKEN_LOOKED_UP,

	/**
	 * A service token was issued, for the caller or (by an administrator) for another
	 * user.
	 */
	SERVICE_TOKEN_ISSUED,

	/** A password sign-in (login form or Basic) failed. */
	SIGN_IN_FAILED,

	/** An administrator created a user. */
	USER_CREATED,

	/** An administrator changed a user. */
	USER_CHANGED,

	/** An administrator deleted a user. */
	USER_DELETED,

	/** An administrator changed a role. */
	ROLE_CHANGED,

	/** An administrator changed a project or its members. */
	PROJECT_CHANGED,

	/** An administrator changed the organisation settings. */
	SETTINGS_CHANGED,

	/** An identity provider for single sign-on was added or removed. */
	IDENTITY_PROVIDER_CHANGED,

	/** A single sign-on was refused by Gatehouse; the target says why. */
	SINGLE_SIGN_ON_REFUSED,

	/** A project access token was created by a project administrator. */
	PROJECT_TOKEN_CREATED,

	/** A project access token was deleted (revoked). */
	PROJECT_TOKEN_DELETED,

	/** A project access token got a new value, from a project administrator or itself. */
	PROJECT_TOKEN_ROTATED,

	/**
	 * An analysis snapshot was uploaded, by a user, a project access token or a CI job
	 * through a trusted CI identity.
	 */
	SNAPSHOT_UPLOADED,

	/** A project's administrator added or removed a trusted CI identity. */
	TRUSTED_CI_IDENTITY_CHANGED,

	/** A CI job's token matched a trusted CI identity. */
	CI_TOKEN_ACCEPTED,

	/**
	 * A CI job's token was refused (signature, expiry, no matching identity, another
	 * project, another request than an upload); the reason says why.
	 */
	CI_TOKEN_REFUSED,

	/** An administrator logged, changed or deleted someone else's time. */
	TIME_ENTRY_CHANGED,

	/**
	 * The server, as the service account, stopped someone's timer: its limit, midnight,
	 * the user deactivated or out of the story's project.
	 */
	TIMER_STOPPED,

	/**
	 * A user approved an app's pairing request (the token is issued when it collects).
	 */
	APP_PAIRED,

	/** A user denied an app's pairing request. */
	APP_PAIRING_DENIED,

	/** An administrator set, changed or deleted a budget. */
	BUDGET_CHANGED,

	/** The service account was set or removed. */
	SERVICE_ACCOUNT_CHANGED,

	/**
	 * A user with restricted project access read reports, budgets, exports or time views
	 * through the service account's view; the actor is the reader, the subject the
	 * service account.
	 */
	ELEVATED_READ

}
