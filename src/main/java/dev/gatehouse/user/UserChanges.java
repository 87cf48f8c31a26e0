package dev.gatehouse.user;

import dev.gatehouse.identity.UserKind;

/**
 * A user to create, or the changes to make to one: every {@code null} field is left as it
 * is (on creation: its default).
 *
 * @param login the login
 * @param password the new password, in clear (hashed before storage)
 * @param firstName the first name
 * @param lastName the last name
 * @param email the email address; an empty string clears it
 * @param kind the kind
 * @param active whether the user may sign in
 * @param administrator whether the user administers Gatehouse
 * @param roleId the default role
 * @param locale the locale
 */
public record UserChanges(String login, String password, String firstName, String lastName, String email, UserKind kind,
		Boolean active, Boolean administrator, Long roleId, String locale) {

	public static UserChanges password(String password) {
		return new UserChanges(null, password, null, null, null, null, null, null, null, null);
	}

	public static UserChanges active(boolean active) {
		return new UserChanges(null, null, null, null, null, null, active, null, null, null);
	}

	boolean changesMoreThanPassword() {
		return this.login != null || this.firstName != null || this.lastName != null || this.email != null
				|| this.kind != null || this.active != null || this.administrator != null || this.roleId != null
				|| this.locale != null;
	}

	@Override
	public String toString() {
		return "UserChanges[login=" + this.login + ", password=" + ((this.password != null) ? "(set)" : null) + "]";
	}

}
