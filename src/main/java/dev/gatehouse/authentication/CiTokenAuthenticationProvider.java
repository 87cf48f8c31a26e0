package dev.gatehouse.authentication;

import dev.gatehouse.system.DatabaseOutage;
import dev.gatehouse.trustedci.CiTokenRefusedException;
import dev.gatehouse.trustedci.CiTokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger logger = LoggerFactory.getLogger(CiTokenAuthenticationProvider.class);

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
		catch (RuntimeException ex) {
			if (DatabaseOutage.causedBy(ex)) {
				// Not the token's fault: answered 503, so the job tries again.
				throw ex;
			}
			// Whatever failed (a stored key address gone bad, say), nothing proved who
			// the job is: refused, not a 500.
			logger.warn("A CI token could not be checked: {}", ex.toString());
			throw new CredentialRefusedException("Invalid token");
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return CiTokenCredential.class.isAssignableFrom(authentication);
	}

}
