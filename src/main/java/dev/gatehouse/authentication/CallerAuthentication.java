package dev.gatehouse.authentication;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.gatehouse.identity.Caller;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A successful authentication: the {@link Caller} and the credential that proved it. Kept
 * in the session for page sign-ins, and rebuilt from the stored user on every request so
 * that deactivation or a change of rights applies at once.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final Caller caller;

	private final CredentialType credentialType;

	public CallerAuthentication(Caller caller, CredentialType credentialType) {
		super(authorities(caller));
		this.caller = caller;
		this.credentialType = credentialType;
		setAuthenticated(true);
	}

	public Caller caller() {
		return this.caller;
	}

	public CredentialType credentialType() {
		return this.credentialType;
	}

	@Override
	public Object getPrincipal() {
		return this.caller;
	}

	@Override
	public Object getCredentials() {
		// Credentials are never kept after authentication.
		return null;
	}

	@Override
	public String getName() {
		return this.caller.login();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CallerAuthentication that && this.caller.equals(that.caller)
				&& this.credentialType == that.credentialType;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.caller, this.credentialType);
	}

	private static List<GrantedAuthority> authorities(Caller caller) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		if (caller.administrator()) {
			authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		}
		return authorities;
	}

}
