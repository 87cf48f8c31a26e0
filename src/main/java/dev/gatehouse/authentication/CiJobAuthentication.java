package dev.gatehouse.authentication;

import java.util.List;

import dev.gatehouse.trustedci.CiJob;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a CI job's token that a project trusts: like a project
 * access token, a technical user that is no user of Gatehouse. {@link ScopeRules} lets it
 * upload snapshots and nothing else; the snapshot service checks that the project is one
 * that trusts it.
 */
public final class CiJobAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient CiJob job;

	CiJobAuthentication(CiJob job) {
		super(List.of(new SimpleGrantedAuthority("ROLE_CI_JOB")));
		this.job = job;
		setAuthenticated(true);
	}

	/**
	 * The job, which is also the principal.
	 * @return the job
	 */
	public CiJob job() {
		return this.job;
	}

	@Override
	public Object getPrincipal() {
		return this.job;
	}

	@Override
	public Object getCredentials() {
		// The token is never kept after authentication.
		return null;
	}

	@Override
	public String getName() {
		return this.job.label();
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
