package dev.gatehouse.authentication;

/**
 * How a request proved who it acts for (SPEC §2.4).
 */
public enum CredentialType {

	/** The session cookie of the login page. */
	SESSION,

	/** HTTP Basic with login and password. */
	PASSWORD,

	/** A service token in {@code ?token=} (SPEC §3). */
	SERVICE_TOKEN,

	/**
	 * A personal access token: {@code ?access_token=}, {@code Authorization: Bearer}, or
	 * Basic with an empty user name (SPEC §4).
	 */
	PERSONAL_ACCESS_TOKEN

}
