package dev.gatehouse.snapshot;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.trustedci.CiJob;

/**
 * Who uploads a snapshot: a user, a project access token acting as its project's
 * technical user, or a CI job trusted through one of the project's CI identities.
 *
 * @param user the user, or {@code null}
 * @param token the project access token, or {@code null}
 * @param job the CI job, or {@code null}
 */
public record Uploader(Caller user, ProjectAccessToken token, CiJob job) {

	/**
	 * A user or a project access token.
	 * @param user the user, or {@code null}
	 * @param token the project access token, or {@code null}
	 */
	public Uploader(Caller user, ProjectAccessToken token) {
		this(user, token, null);
	}

	/**
	 * The uploader behind an authenticated principal.
	 * @param principal a {@link Caller}, a {@link ProjectAccessToken} or a {@link CiJob}
	 * @return the uploader
	 */
	public static Uploader of(Object principal) {
		if (principal instanceof ProjectAccessToken token) {
			return new Uploader(null, token);
		}
		if (principal instanceof CiJob job) {
			return new Uploader(null, null, job);
		}
		return new Uploader((Caller) principal, null);
	}

	String name() {
		if (this.job != null) {
			return this.job.label();
		}
		return (this.token != null) ? this.token.name() : this.user.login();
	}

	/**
	 * How the audit log names a technical uploader, or {@code null} for a user.
	 */
	String technicalLabel() {
		if (this.job != null) {
			return this.job.label();
		}
		return (this.token != null) ? this.token.label() : null;
	}

}
