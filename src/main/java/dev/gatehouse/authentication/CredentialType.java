package dev.gatehouse.authentication;

/**
 * How a request proved who it acts for (SPEC §2.4).
 */
public enum CredentialType {

	/** The session cookie of the login page. */
	SESSION,

	/** HTTP Basic with login and password. */
	PASSWORD

}
