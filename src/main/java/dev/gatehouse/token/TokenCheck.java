package dev.gatehouse.token;

import dev.gatehouse.user.UserDirectory.UserAccess;

/**
 * The outcome of checking a presented token.
 */
public sealed interface TokenCheck {

	/**
	 * The token is valid and its owner may use it.
	 *
	 * @param token the token (for personal tokens), or {@code null} for a service token
	 * @param owner its owner as they stand now
	 * @param replacedValue whether the value presented is one a rotation replaced, still
	 * in its overlap: it works, but rotates nothing
	 */
	record Accepted(PersonalAccessToken token, UserAccess owner, boolean replacedValue) implements TokenCheck {

		/**
		 * A token accepted by its current value.
		 */
		public Accepted(PersonalAccessToken token, UserAccess owner) {
			this(token, owner, false);
		}

	}

	/**
	 * A project access token is valid: it may upload snapshots to its project.
	 *
	 * @param token the token
	 * @param replacedValue whether the value presented is one a rotation replaced, still
	 * in its overlap: it uploads, but rotates nothing
	 */
	record ProjectTokenAccepted(ProjectAccessToken token, boolean replacedValue) implements TokenCheck {

		/**
		 * A project token accepted by its current value.
		 */
		public ProjectTokenAccepted(ProjectAccessToken token) {
			this(token, false);
		}

	}

	/**
	 * The token is refused; the reason goes to the audit log, never to the caller, who
	 * gets the same 401 whatever it is.
	 *
	 * @param reason why
	 * @param subjectId the owner of the token it names, if known
	 * @param subjectLogin that owner's login, if known
	 * @param target the token it names (by name or last four), if known
	 */
	record Refused(String reason, Long subjectId, String subjectLogin, String target) implements TokenCheck {

		/**
		 * A refusal that names no token.
		 * @param reason why
		 */
		public Refused(String reason) {
			this(reason, null, null, null);
		}

	}

}
