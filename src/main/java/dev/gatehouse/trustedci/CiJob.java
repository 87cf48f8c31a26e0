package dev.gatehouse.trustedci;

import java.util.List;
import java.util.Optional;

/**
 * A CI job that proved its identity with a token a project trusts: where it runs, and the
 * trusted identities (of one or more projects) its token matched. It may upload snapshots
 * to those projects and do nothing else.
 *
 * @param issuer the token's issuer
 * @param subject the token's {@code sub}
 * @param repository the repository it runs for ({@code repository}, GitLab's
 * {@code project_path}, or the subject)
 * @param ref the git ref ({@code ref}), or {@code null}
 * @param run the run ({@code run_id}, or GitLab's {@code pipeline_id}), or {@code null}
 * @param identities the identities the token matched, at least one
 */
public record CiJob(String issuer, String subject, String repository, String ref, String run,
		List<TrustedCiIdentity> identities) {

	/**
	 * The identity through which the job may upload to a project.
	 * @param keyOrId the project's key or id
	 * @return the identity, or empty if no project by that key or id trusts the job
	 */
	public Optional<TrustedCiIdentity> trustedBy(String keyOrId) {
		return this.identities.stream()
			.filter((identity) -> keyOrId.equalsIgnoreCase(identity.projectKey())
					|| keyOrId.equals(String.valueOf(identity.projectId())))
			.findFirst();
	}

	/**
	 * How the audit log and snapshots name the job.
	 * @return e.g. {@code CI acme/shop@refs/heads/main run 42}
	 */
	public String label() {
		String label = "CI " + this.repository + ((this.ref != null) ? "@" + this.ref : "")
				+ ((this.run != null) ? " run " + this.run : "");
		return (label.length() > 100) ? label.substring(0, 99) + "…" : label;
	}

}
