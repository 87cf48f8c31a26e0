package dev.gatehouse.token;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;
import dev.gatehouse.token.TokenFormat.ParsedToken;
import dev.gatehouse.user.UserDirectory.UserAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The token verifier's order of checks: format and checksum first, then whether the place
 * the token arrived in accepts its kind, then the kind's own service; every refusal is
 * audited with what is known about it, and no refused-early token costs a lookup.
 */
class TokenVerifierTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private static final String ADDRESS = "192.0.2.1";

	private final TokenFormat format = TokenFormats.plain();

	private final PersonalAccessTokenService personalTokens = mock(PersonalAccessTokenService.class);

	private final ServiceTokenService serviceTokens = mock(ServiceTokenService.class);

	private final ProjectAccessTokenService projectTokens = mock(ProjectAccessTokenService.class);

	private final AuditLog audit = mock(AuditLog.class);

	private final ServiceTokenUses serviceTokenUses = mock(ServiceTokenUses.class);

	private final TokenVerifier verifier = new TokenVerifier(this.format, this.personalTokens, this.serviceTokens,
			this.projectTokens, this.audit, Clock.fixed(NOW, ZoneOffset.UTC), this.serviceTokenUses);

	@Test
	void verifyWhenMalformedThenRefusedAndAuditedWithoutAnyLookup() {
		String mistyped = this.format.generate(TokenKind.PERSONAL) + "x";

		TokenCheck check = this.verifier.verify(mistyped, TokenCarrier.BEARER, ADDRESS, "curl/8");

		assertThat(check).isEqualTo(new TokenCheck.Refused("malformed or mistyped token"));
		verify(this.audit).refused(AuditAction.TOKEN_REFUSED, "malformed or mistyped token", ADDRESS, null, null, null);
		verifyNoInteractions(this.personalTokens, this.serviceTokens, this.projectTokens);
	}

	@ParameterizedTest(name = "{0} as {1}")
	@CsvSource({ "SERVICE, BEARER, service token sent as bearer",
			"SERVICE, ACCESS_TOKEN_PARAMETER, service token sent as access_token_parameter",
			"PROJECT, ACCESS_TOKEN_PARAMETER, project token sent as access_token_parameter",
			"PROJECT, TOKEN_PARAMETER, project token sent as token_parameter",
			"PERSONAL, TOKEN_PARAMETER, personal token sent as token_parameter" })
	void verifyWhenCarriedWhereItsKindIsNotAcceptedThenRefusedAndAuditedWithoutAnyLookup(TokenKind kind,
			TokenCarrier carrier, String reason) {
		TokenCheck check = this.verifier.verify(this.format.generate(kind), carrier, ADDRESS, null);

		assertThat(check).isEqualTo(new TokenCheck.Refused(reason));
		verify(this.audit).refused(AuditAction.TOKEN_REFUSED, reason, ADDRESS, null, null, null);
		verifyNoInteractions(this.personalTokens, this.serviceTokens, this.projectTokens);
	}

	@Test
	void verifyWhenTheServiceRefusesThenAuditedWithItsSubjectAndTarget() {
		String token = this.format.generate(TokenKind.PERSONAL);
		TokenCheck.Refused refused = new TokenCheck.Refused("token expired", 4L, "ann", "token #4 \"CI\" …x7Qa");
		when(this.personalTokens.check(eq(token), any())).thenReturn(refused);

		TokenCheck check = this.verifier.verify(token, TokenCarrier.BASIC_PASSWORD, ADDRESS, null);

		assertThat(check).isSameAs(refused);
		verify(this.audit).refused(AuditAction.TOKEN_REFUSED, "token expired", ADDRESS, 4L, "ann",
				"token #4 \"CI\" …x7Qa");
	}

	@Test
	void verifyWhenPersonalTokenAcceptedThenReturnedWithItsUseAndNotAudited() {
		String token = this.format.generate(TokenKind.PERSONAL);
		TokenCheck.Accepted accepted = new TokenCheck.Accepted(null, new UserAccess(owner(), Set.of()));
		ArgumentCaptor<TokenUse> use = ArgumentCaptor.forClass(TokenUse.class);
		when(this.personalTokens.check(eq(token), use.capture())).thenReturn(accepted);

		TokenCheck check = this.verifier.verify(token, TokenCarrier.ACCESS_TOKEN_PARAMETER, ADDRESS,
				"bot\u0007" + "x".repeat(400));

		assertThat(check).isSameAs(accepted);
		assertThat(use.getValue().date()).isEqualTo(NOW);
		assertThat(use.getValue().address()).isEqualTo(ADDRESS);
		// The user agent is stored printable and cut to its column.
		assertThat(use.getValue().client()).startsWith("botU+0007x").hasSize(300);
		verifyNoInteractions(this.audit, this.serviceTokens, this.projectTokens);
	}

	@Test
	void verifyWhenServiceTokenInTheTokenParameterThenCheckedFromItsParsedBody() {
		String token = this.format.generate(TokenKind.SERVICE);
		ParsedToken parsed = this.format.parse(token).orElseThrow();
		TokenCheck.Accepted accepted = new TokenCheck.Accepted(null, new UserAccess(owner(), Set.of()));
		when(this.serviceTokens.check(parsed)).thenReturn(accepted);

		assertThat(this.verifier.verify(token, TokenCarrier.TOKEN_PARAMETER, ADDRESS, null)).isSameAs(accepted);
		verifyNoInteractions(this.audit, this.personalTokens, this.projectTokens);
	}

	@Test
	void verifyWhenProjectTokenInABasicPasswordThenCheckedByTheProjectTokenService() {
		String token = this.format.generate(TokenKind.PROJECT);
		TokenCheck.ProjectTokenAccepted accepted = new TokenCheck.ProjectTokenAccepted(
				new ProjectAccessToken(5, 9, "APOLLO", "CI", NOW, LocalDate.of(2026, 12, 31), null));
		when(this.projectTokens.check(eq(token), any())).thenReturn(accepted);

		assertThat(this.verifier.verify(token, TokenCarrier.BASIC_PASSWORD, ADDRESS, null)).isSameAs(accepted);
		verifyNoInteractions(this.audit, this.personalTokens, this.serviceTokens);
	}

	private static User owner() {
		return new User(4, "ann", "", "", null, null, UserKind.User, true, false, false, 1, "Developer", "en", 0, NOW,
				NOW, null);
	}

}
