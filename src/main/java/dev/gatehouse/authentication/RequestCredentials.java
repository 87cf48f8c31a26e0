package dev.gatehouse.authentication;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Every credential one API request carries, not yet checked (SPEC §2.4): the session's
 * authentication, if the request came with the session cookie, and what the
 * {@code Authorization} header and the token parameters hold; an element is {@code null}
 * for a malformed one.
 */
final class RequestCredentials extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient CallerAuthentication session;

	private final transient List<Authentication> presented;

	RequestCredentials(CallerAuthentication session, List<Authentication> presented) {
		super(List.of());
		this.session = session;
		this.presented = presented;
	}

	/**
	 * The authentication the session holds, as signed in; or {@code null}.
	 * @return the session's authentication
	 */
	CallerAuthentication session() {
		return this.session;
	}

	List<Authentication> presented() {
		return this.presented;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return "";
	}

	@Override
	public String toString() {
		// Never the values.
		return "RequestCredentials[" + this.presented.size() + " presented]";
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
