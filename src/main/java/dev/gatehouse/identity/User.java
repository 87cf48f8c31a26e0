package dev.gatehouse.identity;

import java.time.Instant;

/**
 * A user as stored (SPEC §1). The password is only ever held as a {@code PasswordEncoder}
 * hash.
 *
 * @param id the id
 * @param login the login, unique regardless of case
 * @param firstName the first name
 * @param lastName the last name
 * @param email the email address, or {@code null}
 * @param passwordHash the encoded password, or {@code null} when none is set
 * @param kind {@code User} or {@code Requester}
 * @param active whether the user may sign in at all
 * @param administrator whether the user administers Gatehouse
 * @param builtIn whether this is the built-in System user
 * @param roleId the default role
 * @param roleName the default role's name
 * @param locale the locale, e.g. {@code en}
 * @param credentialVersion changes whenever the login or password changes
 * @param createDate when the user was created
 * @param modifyDate when the user last changed
 * @param lastLoginDate when the user last signed in, or {@code null}
 */
public record User(long id, String login, String firstName, String lastName, String email, String passwordHash,
		UserKind kind, boolean active, boolean administrator, boolean builtIn, long roleId, String roleName,
		String locale, int credentialVersion, Instant createDate, Instant modifyDate, Instant lastLoginDate) {

	/** The login of the built-in System user. */
	public static final String SYSTEM_LOGIN = "System";

	public boolean isSystem() {
		return this.builtIn;
	}

	public boolean hasPassword() {
		return this.passwordHash != null;
	}

	public boolean isRequester() {
		return this.kind == UserKind.Requester;
	}

	public String displayName() {
		String name = (this.firstName + " " + this.lastName).trim();
		return name.isEmpty() ? this.login : name;
	}

	@Override
	public String toString() {
		// Keeps the password hash out of logs and debugger views.
		return "User[id=" + this.id + ", login=" + this.login + "]";
	}

}
