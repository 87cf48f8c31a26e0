package dev.gatehouse.identity;

import java.io.Serializable;

import dev.gatehouse.system.AccessRefusedException;

/**
 * The authenticated user a request acts for, as every service rule sees it. Built afresh
 * from the stored user on each request, so a change of rights applies at once.
 *
 * <p>
 * Three questions are kept apart, because a token narrows only some of them (SPEC §4.5):
 * whose data the caller reaches ({@link #administrator()}: the owner's own visibility,
 * every project for an administrator, whatever the token's scopes), whether it may
 * administer ({@link #mayAdminister()}: an administrator whose credential carries the
 * {@code admin} scope), and whether the user is present in person
 * ({@link #interactive()}: a signed-in session or a password, never a token), which
 * anything that mints a credential requires.
 *
 * @param userId the user's id
 * @param login the user's login
 * @param kind the user's kind
 * @param administrator whether the user is an administrator: they reach every project's
 * work data
 * @param mayAdminister whether this request may administer Gatehouse (users, roles,
 * settings, other users' tokens, the audit log, the service account)
 * @param interactive whether the user proved presence with a session or a password
 * @param accessTokenId the personal access token the request came with, or {@code null}:
 * a token may rotate itself, and nothing else
 */
public record Caller(long userId, String login, UserKind kind, boolean administrator, boolean mayAdminister,
		boolean interactive, Long accessTokenId) implements Serializable {

	/**
	 * A caller that came with no personal access token.
	 */
	public Caller(long userId, String login, UserKind kind, boolean administrator, boolean mayAdminister,
			boolean interactive) {
		this(userId, login, kind, administrator, mayAdminister, interactive, null);
	}

	/**
	 * The user as proved by a credential, with every right they hold.
	 * @param user the user as stored now
	 * @param interactive whether the credential was a session or a password
	 * @return the caller
	 */
	public static Caller of(User user, boolean interactive) {
		return new Caller(user.id(), user.login(), user.kind(), user.administrator(), user.administrator(),
				interactive);
	}

	public boolean isRequester() {
		return this.kind == UserKind.Requester;
	}

	/**
	 * The same caller without the right to administer: what an administrator's token
	 * without the {@code admin} scope acts as. Their project visibility is unchanged.
	 * @return the narrowed caller
	 */
	public Caller withoutAdministration() {
		return new Caller(this.userId, this.login, this.kind, this.administrator, false, this.interactive,
				this.accessTokenId);
	}

	/**
	 * The same caller as a program holding a token acts for them: it may not mint
	 * credentials.
	 * @return the caller, not interactive
	 */
	public Caller asProgram() {
		return new Caller(this.userId, this.login, this.kind, this.administrator, this.mayAdminister, false,
				this.accessTokenId);
	}

	/**
	 * The same caller, acting through a personal access token.
	 * @param tokenId the token
	 * @return the caller, not interactive, knowing its token
	 */
	public Caller throughAccessToken(long tokenId) {
		return new Caller(this.userId, this.login, this.kind, this.administrator, this.mayAdminister, false, tokenId);
	}

	/**
	 * Whether the request came with this personal access token.
	 * @param tokenId a token
	 * @return whether it is the caller's own credential
	 */
	public boolean cameWithAccessToken(long tokenId) {
		return this.accessTokenId != null && this.accessTokenId == tokenId;
	}

	/**
	 * Refuses requesters: they reach no work data (times, budgets, reports), by any
	 * credential, directly or through the service account's view (SPEC §2.2).
	 */
	public void requireWorkDataAccess() {
		if (isRequester()) {
			throw new AccessRefusedException(AccessRefusedException.REQUESTER_REFUSED);
		}
	}

	/**
	 * Refuses the operation unless the caller may administer Gatehouse.
	 * @param operation what was attempted, e.g. "manage users"
	 */
	public void requireAdministrator(String operation) {
		if (!this.mayAdminister) {
			throw new AccessRefusedException("Only administrators can " + operation
					+ (this.administrator ? " (a token needs the admin scope for that)" : ""));
		}
	}

	/**
	 * Refuses the operation unless the user is present in person: a token must never
	 * obtain a credential that outlives or outranks it (SPEC §4.5).
	 * @param operation what was attempted, e.g. "obtain a service token"
	 */
	public void requireInteractive(String operation) {
		if (!this.interactive) {
			throw new AccessRefusedException("To " + operation
					+ ", sign in or send your login and password (HTTP Basic): an access token cannot obtain"
					+ " another credential");
		}
	}

}
