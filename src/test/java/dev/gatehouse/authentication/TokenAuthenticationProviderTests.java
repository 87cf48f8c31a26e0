package dev.gatehouse.authentication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.token.PersonalAccessToken;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.token.Scope;
import dev.gatehouse.token.TokenCarrier;
import dev.gatehouse.token.TokenCheck;
import dev.gatehouse.token.TokenVerifier;
import dev.gatehouse.user.UserDirectory.UserAccess;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Who an accepted token speaks for: a personal token its owner as a program, narrowed to
 * the token's scopes; a service token its owner with every scope; a project token its
 * project's technical user. The {@link TokenVerifier} decides and audits; a refusal is a
 * bare 401.
 */
class TokenAuthenticationProviderTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private static final String VALUE = "gpat_value";

	private final TokenVerifier verifier = mock(TokenVerifier.class);

	private final TokenAuthenticationProvider provider = new TokenAuthenticationProvider(this.verifier);

	private final TokenCredential credential = new TokenCredential(VALUE, TokenCarrier.BEARER, "192.0.2.1", "curl/8");

	@Test
	void authenticateWhenPersonalTokenAcceptedThenItsOwnerWithTheTokensScopes() {
		PersonalAccessToken token = new PersonalAccessToken(4, 7, "ann", "CI", "x7Qa",
				Set.of(Scope.PROFILE_READ, Scope.TIME_READ), NOW, null, null);
		accept(new TokenCheck.Accepted(token, new UserAccess(owner(true), Set.of())));

		Authentication authentication = this.provider.authenticate(this.credential);

		assertThat(authentication).isInstanceOfSatisfying(CallerAuthentication.class, (caller) -> {
			assertThat(caller.credentialType()).isEqualTo(CredentialType.PERSONAL_ACCESS_TOKEN);
			assertThat(caller.scopes()).containsExactlyInAnyOrder(Scope.PROFILE_READ, Scope.TIME_READ);
			assertThat(caller.credentialVersion()).isEqualTo(3);
			assertThat(caller.caller().userId()).isEqualTo(7);
			assertThat(caller.caller().interactive()).isFalse();
			// Without the admin scope, an administrator's token reaches every project but
			// does not administer.
			assertThat(caller.caller().administrator()).isTrue();
			assertThat(caller.caller().mayAdminister()).isFalse();
		});
		verify(this.verifier).verify(VALUE, TokenCarrier.BEARER, "192.0.2.1", "curl/8");
	}

	@Test
	void authenticateWhenServiceTokenAcceptedThenItsOwnerWithEveryScope() {
		accept(new TokenCheck.Accepted(null, new UserAccess(owner(true), Set.of())));

		assertThat(this.provider.authenticate(this.credential)).isInstanceOfSatisfying(CallerAuthentication.class,
				(caller) -> {
					assertThat(caller.credentialType()).isEqualTo(CredentialType.SERVICE_TOKEN);
					assertThat(caller.hasEveryScope()).isTrue();
					assertThat(caller.caller().mayAdminister()).isTrue();
					assertThat(caller.caller().interactive()).isFalse();
				});
	}

	@Test
	void authenticateWhenProjectTokenAcceptedThenAProjectAccessTokenAuthentication() {
		ProjectAccessToken token = new ProjectAccessToken(5, 9, "APOLLO", "CI", NOW, LocalDate.of(2026, 12, 31), null);
		accept(new TokenCheck.ProjectTokenAccepted(token));

		assertThat(this.provider.authenticate(this.credential))
			.isInstanceOfSatisfying(ProjectAccessTokenAuthentication.class, (project) -> {
				assertThat(project.token()).isEqualTo(token);
				assertThat(project.isAuthenticated()).isTrue();
				assertThat(project.getCredentials()).isNull();
			});
	}

	@Test
	void authenticateWhenRefusedThenBadCredentialsWithoutTheReason() {
		accept(new TokenCheck.Refused("token expired", 7L, "ann", "token #4"));

		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.provider.authenticate(this.credential))
			.withMessage("Invalid token");
	}

	@Test
	void supportsWhenTokenCredentialThenTrueAndPasswordsNot() {
		assertThat(this.provider.supports(TokenCredential.class)).isTrue();
		assertThat(this.provider.supports(UsernamePasswordAuthenticationToken.class)).isFalse();
	}

	private void accept(TokenCheck check) {
		when(this.verifier.verify(VALUE, TokenCarrier.BEARER, "192.0.2.1", "curl/8")).thenReturn(check);
	}

	private static User owner(boolean administrator) {
		return new User(7, "ann", "", "", null, null, UserKind.User, true, administrator, false, 1, "Developer", "en",
				3, NOW, NOW, null);
	}

}
