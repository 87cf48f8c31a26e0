package dev.gatehouse.snapshot;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.token.ProjectAccessToken;

/**
 * Who uploads a snapshot: a user, or a project access token acting as its project's
 * technical user.
 *
 * @param user the user, or {@code null}
 * @param token the project access token, or {@code null}
 */
public record Uploader(Caller user, ProjectAccessToken token) {

	/**
	 * The uploader behind an authenticated principal.
	 * @param principal a {@link Caller} or a {@link ProjectAccessToken}
	 * @return the uploader
	 */
	public static Uploader of(Object principal) {
		if (principal instanceof ProjectAccessToken token) {
			return new Uploader(null, token);
		}
		return new Uploader((Caller) principal, null);
	}

	String name() {
		return (this.token != null) ? this.token.name() : this.user.login();
	}

}
