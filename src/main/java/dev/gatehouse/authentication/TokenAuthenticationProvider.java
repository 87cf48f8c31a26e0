package dev.gatehouse.authentication;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.token.ServiceTokenService;
import dev.gatehouse.token.TokenCheck;
import dev.gatehouse.token.TokenVerifier;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Turns a token the request carried into an authentication: the {@link TokenVerifier}
 * decides (and audits every refusal); this provider only says who the accepted token
 * speaks for. The caller only ever sees 401 for a refused token.
 */
@Component
final class TokenAuthenticationProvider implements AuthenticationProvider {

	private final TokenVerifier tokens;

	TokenAuthenticationProvider(TokenVerifier tokens) {
		this.tokens = tokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		TokenCredential credential = (TokenCredential) authentication;
		TokenCheck check = this.tokens.verify(credential.value(), credential.carrier(), credential.address(),
				credential.client());
		if (check instanceof TokenCheck.ProjectTokenAccepted accepted) {
			return new ProjectAccessTokenAuthentication(accepted.token(), accepted.replacedValue());
		}
		if (check instanceof TokenCheck.Accepted accepted) {
			User owner = accepted.owner().user();
			return (accepted.token() != null) ? CallerAuthentication.personalAccessToken(
					// A value a rotation replaced works, but may not rotate: whoever
					// holds it may be why the owner rotated.
					accepted.replacedValue() ? Caller.of(owner, false)
							: Caller.of(owner, false).throughAccessToken(accepted.token().id()),
					owner.credentialVersion(), accepted.token().scopes(), credential.carrier(), accepted.token().id())
					: new CallerAuthentication(Caller.of(owner, false), CredentialType.SERVICE_TOKEN,
							owner.credentialVersion());
		}
		if (TokenVerifier.serviceTokensSwitchedOff(check)) {
			throw new ServiceTokensSwitchedOffException(ServiceTokenService.SWITCHED_OFF);
		}
		throw new CredentialRefusedException("Invalid token");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return TokenCredential.class.isAssignableFrom(authentication);
	}

}
