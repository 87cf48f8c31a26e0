package dev.gatehouse.authentication;

import dev.gatehouse.trustedci.CiTokenRefusedException;
import dev.gatehouse.trustedci.CiTokenVerifier;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Authenticates a CI job's token against the projects' trusted CI identities. The reason
 * of a refusal goes to the audit log, not to the client: a 401 says only that the token
 * is not accepted.
 */
@Component
final class CiTokenAuthenticationProvider implements AuthenticationProvider {

	private final CiTokenVerifier verifier;

	CiTokenAuthenticationProvider(CiTokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		CiTokenCredential credential = (CiTokenCredential) authentication;
		try {
			return new CiJobAuthentication(this.verifier.verify(credential.value(), credential.address()));
		}
		catch (CiTokenRefusedException ex) {
			throw new CredentialRefusedException("Invalid token");
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return CiTokenCredential.class.isAssignableFrom(authentication);
	}

}
