package dev.gatehouse.authentication;

import java.util.List;
import java.util.Objects;

import dev.gatehouse.token.ProjectAccessToken;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a project access token: a technical user of one project that
 * is no user of Gatehouse. {@link ScopeRules} lets it upload snapshots and nothing else;
 * the snapshot service checks that the project is the token's own.
 */
public final class ProjectAccessTokenAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final ProjectAccessToken token;

	private final boolean replacedValue;

	ProjectAccessTokenAuthentication(ProjectAccessToken token) {
		this(token, false);
	}

	ProjectAccessTokenAuthentication(ProjectAccessToken token, boolean replacedValue) {
		super(List.of(new SimpleGrantedAuthority("ROLE_PROJECT_TOKEN")));
		this.token = token;
		this.replacedValue = replacedValue;
		setAuthenticated(true);
	}

	/**
	 * Whether the request came with the token's current value, which alone may rotate it:
	 * whoever holds a replaced one may be why it was rotated.
	 * @return whether it may rotate itself
	 */
	boolean mayRotate() {
		return !this.replacedValue;
	}

	/**
	 * The token, which is also the principal.
	 * @return the token
	 */
	public ProjectAccessToken token() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		// The value is never kept after authentication.
		return null;
	}

	@Override
	public String getName() {
		return this.token.label();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ProjectAccessTokenAuthentication that && this.token.id() == that.token.id();
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.token.id());
	}

}
