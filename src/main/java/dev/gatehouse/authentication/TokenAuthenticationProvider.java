package dev.gatehouse.authentication;

import java.time.Clock;
import java.util.Optional;

import dev.gatehouse.system.TextRules;
import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authentication.TokenCredential.Source;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;
import dev.gatehouse.token.PersonalAccessTokenService;
import dev.gatehouse.token.ProjectAccessTokenService;
import dev.gatehouse.token.ServiceTokenService;
import dev.gatehouse.token.TokenCheck;
import dev.gatehouse.token.TokenFormat;
import dev.gatehouse.token.TokenFormat.ParsedToken;
import dev.gatehouse.token.TokenKind;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a token the request carried. The format and checksum come first, so a mistyped
 * or invented token is refused without any lookup; each place accepts only its own kind
 * ({@code ?token=}: service tokens; {@code ?access_token=}, Bearer, Basic with an empty
 * user name: personal access tokens; Bearer and Basic with an empty user name: project
 * access tokens). A known personal token costs no database work at all, nor does an
 * unknown one of any kind. Tokens are never limited by client address: a valid one is
 * never refused because of other failures from its address (SPEC §2.6). Every refusal is
 * audited with its reason; the caller only ever sees 401.
 */
final class TokenAuthenticationProvider implements AuthenticationProvider {

	private static final int MAX_CLIENT = 300;

	private final TokenFormat format;

	private final PersonalAccessTokenService personalTokens;

	private final ServiceTokenService serviceTokens;

	private final ProjectAccessTokenService projectTokens;

	private final AuditLog audit;

	private final Clock clock;

	TokenAuthenticationProvider(TokenFormat format, PersonalAccessTokenService personalTokens,
			ServiceTokenService serviceTokens, ProjectAccessTokenService projectTokens, AuditLog audit, Clock clock) {
		this.format = format;
		this.personalTokens = personalTokens;
		this.projectTokens = projectTokens;
		this.serviceTokens = serviceTokens;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		TokenCredential credential = (TokenCredential) authentication;
		Optional<ParsedToken> parsed = this.format.parse(credential.value());
		if (parsed.isEmpty()) {
			throw refused(credential, "malformed or mistyped token");
		}
		TokenKind kind = parsed.get().kind();
		if (!accepts(credential.source(), kind)) {
			throw refused(credential, kind.name().toLowerCase(java.util.Locale.ROOT) + " token sent as "
					+ credential.source().name().toLowerCase(java.util.Locale.ROOT));
		}
		TokenCheck check = switch (kind) {
			case PERSONAL -> this.personalTokens.check(credential.value(), use(credential));
			case SERVICE -> this.serviceTokens.check(parsed.get());
			case PROJECT -> this.projectTokens.check(credential.value(), use(credential));
		};
		if (check instanceof TokenCheck.ProjectTokenAccepted accepted) {
			return new ProjectAccessTokenAuthentication(accepted.token());
		}
		if (check instanceof TokenCheck.Accepted accepted) {
			User owner = accepted.owner().user();
			return (kind == TokenKind.PERSONAL)
					? new CallerAuthentication(Caller.of(owner, false), CredentialType.PERSONAL_ACCESS_TOKEN,
							owner.credentialVersion(), accepted.token().scopes())
					: new CallerAuthentication(Caller.of(owner, false), CredentialType.SERVICE_TOKEN,
							owner.credentialVersion());
		}
		if (kind == TokenKind.SERVICE && check instanceof TokenCheck.Refused refused) {
			// Personal and project tokens audit their own refusals, with the token they
			// name.
			this.audit.refused(AuditAction.TOKEN_REFUSED, refused.reason(), credential.address(), null, null, null);
		}
		throw new BadCredentialsException("Invalid token");
	}

	private BadCredentialsException refused(TokenCredential credential, String reason) {
		this.audit.refused(AuditAction.TOKEN_REFUSED, reason, credential.address(), null, null, null);
		return new BadCredentialsException("Invalid token");
	}

	private static boolean accepts(Source source, TokenKind kind) {
		return switch (kind) {
			case SERVICE -> source == Source.TOKEN_PARAMETER;
			case PERSONAL -> source != Source.TOKEN_PARAMETER;
			// Headers only: a CI log or proxy log never shows a project token.
			case PROJECT -> source == Source.BEARER || source == Source.BASIC_PASSWORD;
		};
	}

	private TokenUse use(TokenCredential credential) {
		String client = (credential.client() != null) ? TextRules.printable(credential.client()) : null;
		if (client != null && client.length() > MAX_CLIENT) {
			client = client.substring(0, MAX_CLIENT);
		}
		return new TokenUse(this.clock.instant(), credential.address(), client);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return TokenCredential.class.isAssignableFrom(authentication);
	}

}
