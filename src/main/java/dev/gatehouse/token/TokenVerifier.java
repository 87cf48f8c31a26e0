package dev.gatehouse.token;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;
import dev.gatehouse.token.TokenFormat.ParsedToken;

import org.springframework.stereotype.Service;

/**
 * Checks a token a request carried, of any kind, and audits every refusal with its
 * reason. The format and checksum come first, so a mistyped or invented token is refused
 * without any lookup; then the place it arrived in must accept its kind; then the kind's
 * own check runs. A known personal token costs no database work at all, nor does an
 * unknown one of any kind. Tokens are never limited by client address: a valid one is
 * never refused because of other failures from its address (SPEC §2.6).
 */
@Service
public class TokenVerifier {

	private static final int MAX_CLIENT = 300;

	private final TokenFormat format;

	private final PersonalAccessTokenService personalTokens;

	private final ServiceTokenService serviceTokens;

	private final ProjectAccessTokenService projectTokens;

	private final AuditLog audit;

	private final Clock clock;

	private final ServiceTokenUses serviceTokenUses;

	TokenVerifier(TokenFormat format, PersonalAccessTokenService personalTokens, ServiceTokenService serviceTokens,
			ProjectAccessTokenService projectTokens, AuditLog audit, Clock clock, ServiceTokenUses serviceTokenUses) {
		this.serviceTokenUses = serviceTokenUses;
		this.format = format;
		this.personalTokens = personalTokens;
		this.serviceTokens = serviceTokens;
		this.projectTokens = projectTokens;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Checks a presented token.
	 * @param value the token as presented
	 * @param carrier where the request carried it
	 * @param address the client address
	 * @param client the client's {@code User-Agent}, or {@code null}
	 * @return accepted (with the owner or the project token) or refused; a refusal is
	 * already in the audit log, and the caller is told no more than 401
	 */
	public TokenCheck verify(String value, TokenCarrier carrier, String address, String client) {
		Optional<ParsedToken> parsed = this.format.parse(value);
		if (parsed.isEmpty()) {
			return refused(new TokenCheck.Refused("malformed or mistyped token"), address);
		}
		TokenKind kind = parsed.get().kind();
		if (!carrier.accepts(kind)) {
			return refused(new TokenCheck.Refused(
					kind.name().toLowerCase(Locale.ROOT) + " token sent as " + carrier.name().toLowerCase(Locale.ROOT)),
					address);
		}
		TokenCheck check = switch (kind) {
			case PERSONAL -> this.personalTokens.check(value, use(address, client));
			case SERVICE -> serviceToken(parsed.get(), address, client);
			case PROJECT -> this.projectTokens.check(value, use(address, client));
		};
		return (check instanceof TokenCheck.Refused refused) ? refused(refused, address) : check;
	}

	/**
	 * Whether service tokens are switched off, for the credential checks to say so.
	 * @param check an outcome
	 * @return whether it is a service token refused because they are off
	 */
	public static boolean serviceTokensSwitchedOff(TokenCheck check) {
		return check instanceof TokenCheck.Refused refused
				&& ServiceTokenService.SWITCHED_OFF_REASON.equals(refused.reason());
	}

	private TokenCheck serviceToken(ParsedToken parsed, String address, String client) {
		TokenCheck check = this.serviceTokens.check(parsed);
		if (check instanceof TokenCheck.Accepted accepted) {
			this.serviceTokenUses.record(accepted.owner().user().id(), use(address, client));
		}
		return check;
	}

	private TokenCheck refused(TokenCheck.Refused refused, String address) {
		this.audit.refused(AuditAction.TOKEN_REFUSED, refused.reason(), address, refused.subjectId(),
				refused.subjectLogin(), refused.target());
		return refused;
	}

	private TokenUse use(String address, String client) {
		String printable = (client != null) ? TextRules.printable(client) : null;
		if (printable != null && printable.length() > MAX_CLIENT) {
			printable = printable.substring(0, MAX_CLIENT);
		}
		return new TokenUse(this.clock.instant(), address, printable);
	}

}
