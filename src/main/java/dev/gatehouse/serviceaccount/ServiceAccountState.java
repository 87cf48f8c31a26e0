package dev.gatehouse.serviceaccount;

/**
 * The state of the service account (SPEC §6.6, §10), each with what to do about it.
 */
public enum ServiceAccountState {

	NOT_CONFIGURED("No service account is configured. Users with restricted access see only what they may access;"
			+ " an administrator can set themselves as service account."),

	HEALTHY("The service account is working."),

	EXPIRING("The service account's access token expires soon. Set the service account again to renew it."),

	EXPIRED_OR_REVOKED("The service account's access token has expired or was revoked. Set the service account"
			+ " again with a valid token."),

	NOT_ADMINISTRATOR("The service account is no longer an active administrator whose default role allows access"
			+ " tokens (or it was deleted). Set an active administrator as service account, or restore the account."),

	MISSING_SCOPES("The service account's access token lacks profile:read, identity:read, work_items:read or"
			+ " work_items:write. Set the service account again with a token that has them.");

	private final String advice;

	ServiceAccountState(String advice) {
		this.advice = advice;
	}

	/**
	 * What the state means and what to do.
	 * @return the message
	 */
	public String advice() {
		return this.advice;
	}

	/**
	 * Whether the service account's view may be used: healthy, or healthy but expiring.
	 * @return whether it works
	 */
	public boolean working() {
		return this == HEALTHY || this == EXPIRING;
	}

}
