package dev.gatehouse.identity;

import java.io.Serializable;

import dev.gatehouse.api.AccessRefusedException;

/**
 * The authenticated user a request acts for, as every service rule sees it. Built afresh
 * from the stored user on each request, so a change of rights applies at once.
 *
 * @param userId the user's id
 * @param login the user's login
 * @param kind the user's kind
 * @param administrator whether the user administers Gatehouse
 */
public record Caller(long userId, String login, UserKind kind, boolean administrator) implements Serializable {

	public static Caller of(User user) {
		return new Caller(user.id(), user.login(), user.kind(), user.administrator());
	}

	public boolean isRequester() {
		return this.kind == UserKind.Requester;
	}

	/**
	 * The same caller without administrator rights: what an administrator's token without
	 * the {@code admin} scope acts as (the owner's rights narrowed to the token's
	 * scopes).
	 * @return the narrowed caller
	 */
	public Caller withoutAdministration() {
		return new Caller(this.userId, this.login, this.kind, false);
	}

	/**
	 * Refuses the operation unless the caller is an administrator.
	 * @param operation what was attempted, e.g. "manage users"
	 */
	public void requireAdministrator(String operation) {
		if (!this.administrator) {
			throw new AccessRefusedException("Only administrators can " + operation);
		}
	}

}
