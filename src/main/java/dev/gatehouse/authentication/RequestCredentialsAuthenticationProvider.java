package dev.gatehouse.authentication;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.token.Scope;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * Authenticates an API request from every credential it carries (SPEC §2.4). Invalid
 * credentials are ignored; all valid ones must name the same user, and a project access
 * token or a CI job's token stands alone. The request may then do only what every
 * credential allows: the intersection of their scopes, interactive only if each one is.
 * The session's user is read afresh, so deactivation applies on the next request. Too
 * many failed sign-ins are answered as such only when no credential of the request is
 * valid (SPEC §2.6).
 */
@Component
final class RequestCredentialsAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationManager each;

	private final UserDirectory users;

	private final ClientRegistrationRepository identityProviders;

	RequestCredentialsAuthenticationProvider(PasswordAuthenticationProvider passwords,
			TokenAuthenticationProvider tokens, CiTokenAuthenticationProvider ciTokens, UserDirectory users,
			ClientRegistrationRepository identityProviders) {
		this.each = new ProviderManager(passwords, tokens, ciTokens);
		this.users = users;
		this.identityProviders = identityProviders;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		RequestCredentials credentials = (RequestCredentials) authentication;
		List<CallerAuthentication> valid = new ArrayList<>();
		List<Authentication> projectTokens = new ArrayList<>();
		if (credentials.session() != null) {
			credentials.session()
				.refreshedFor(this.users.find(credentials.session().caller().userId()).map(UserAccess::user),
						this.identityProviders)
				.ifPresent(valid::add);
		}
		TooManyLoginAttemptsException throttled = null;
		ServiceTokensSwitchedOffException switchedOff = null;
		for (Authentication candidate : credentials.presented()) {
			if (candidate == null) {
				// A malformed Authorization header: an invalid credential.
				continue;
			}
			try {
				Authentication authenticated = this.each.authenticate(candidate);
				if (authenticated instanceof ProjectAccessTokenAuthentication
						|| authenticated instanceof CiJobAuthentication) {
					projectTokens.add(authenticated);
				}
				else {
					valid.add((CallerAuthentication) authenticated);
				}
			}
			catch (TooManyLoginAttemptsException ex) {
				throttled = ex;
			}
			catch (ServiceTokensSwitchedOffException ex) {
				switchedOff = ex;
			}
			catch (AuthenticationException ex) {
				// Invalid credentials are ignored; a request left without a valid one
				// gets 401.
			}
		}
		if (valid.isEmpty() && projectTokens.isEmpty()) {
			if (throttled != null) {
				throw throttled;
			}
			throw (switchedOff != null) ? switchedOff : new CredentialRefusedException("No valid credential");
		}
		if (projectTokens.isEmpty() && valid.size() == 1) {
			// The usual request: one credential, nothing to reconcile.
			return valid.get(0);
		}
		if (valid.stream().map((caller) -> caller.caller().userId()).distinct().count() > 1) {
			throw new CredentialsConflictException("The credentials of this request name different users");
		}
		if (!projectTokens.isEmpty() && (projectTokens.size() > 1 || !valid.isEmpty())) {
			// A project's technical user (a project token, a CI job) is nobody else:
			// which one would act is ambiguous.
			throw new CredentialsConflictException(
					"A project access token or CI token cannot be combined with other credentials in one request");
		}
		return projectTokens.isEmpty() ? combined(valid) : projectTokens.get(0);
	}

	/**
	 * One authentication for the request: the last credential is an explicit one whenever
	 * there is one (it decides the CSRF exemption), and the request may do only what
	 * every credential it carries allows: the intersection of their scopes, and it is
	 * interactive only if every one of them is.
	 */
	private static CallerAuthentication combined(List<CallerAuthentication> valid) {
		CallerAuthentication last = valid.get(valid.size() - 1);
		Set<Scope> scopes = EnumSet.copyOf(Scope.all());
		valid.forEach((authentication) -> scopes.retainAll(authentication.scopes()));
		boolean interactive = valid.stream().allMatch((authentication) -> authentication.caller().interactive());
		if (scopes.equals(last.scopes()) && interactive == last.caller().interactive()) {
			return last;
		}
		CallerAuthentication usage = valid.stream()
			.filter((authentication) -> authentication.usageTokenId().isPresent())
			.findFirst()
			.orElse(null);
		return last.combinedWith(interactive ? last.caller() : last.caller().asProgram(), scopes, usage);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return RequestCredentials.class.isAssignableFrom(authentication);
	}

}
