package dev.gatehouse.authentication;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.token.Scope;
import dev.gatehouse.token.TokenCarrier;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * One authentication from every credential a request carries: invalid ones are ignored,
 * valid ones must name one user, a project token stands alone, the result may do only
 * what every credential allows, and too many failed sign-ins count only when nothing else
 * is valid.
 */
class RequestCredentialsAuthenticationProviderTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private final PasswordAuthenticationProvider passwords = mock(PasswordAuthenticationProvider.class);

	private final TokenAuthenticationProvider tokens = mock(TokenAuthenticationProvider.class);

	private final UserDirectory users = mock(UserDirectory.class);

	private final CiTokenAuthenticationProvider ciTokens = mock(CiTokenAuthenticationProvider.class);

	private RequestCredentialsAuthenticationProvider provider;

	@BeforeEach
	void providers() {
		// The mocks answer supports() as the real providers do, so the ProviderManager
		// inside hands each credential to its own provider.
		when(this.passwords.supports(any())).thenCallRealMethod();
		when(this.tokens.supports(any())).thenCallRealMethod();
		when(this.ciTokens.supports(any())).thenCallRealMethod();
		this.provider = new RequestCredentialsAuthenticationProvider(this.passwords, this.tokens, this.ciTokens,
				this.users, (registrationId) -> null);
	}

	@Test
	void authenticateWhenCredentialsNameDifferentUsersThenConflict() {
		BasicCredential password = password(caller(1, true), CredentialType.PASSWORD, Scope.all());
		TokenCredential token = token(caller(2, false), CredentialType.PERSONAL_ACCESS_TOKEN, Scope.all());

		assertThatExceptionOfType(CredentialsConflictException.class)
			.isThrownBy(() -> this.provider.authenticate(request(null, password, token)));
	}

	@Test
	void authenticateWhenProjectTokenWithAnotherCredentialThenConflict() {
		BasicCredential password = password(caller(1, true), CredentialType.PASSWORD, Scope.all());
		TokenCredential projectToken = projectToken(5);

		assertThatExceptionOfType(CredentialsConflictException.class)
			.isThrownBy(() -> this.provider.authenticate(request(null, projectToken, password)));
		assertThatExceptionOfType(CredentialsConflictException.class)
			.isThrownBy(() -> this.provider.authenticate(request(null, projectToken, projectToken(6))));
	}

	@Test
	void authenticateWhenProjectTokenAloneThenItsAuthentication() {
		assertThat(this.provider.authenticate(request(null, projectToken(5)))).isInstanceOfSatisfying(
				ProjectAccessTokenAuthentication.class, (project) -> assertThat(project.token().id()).isEqualTo(5));
	}

	@Test
	void authenticateWhenThrottledAndNothingValidThenTooManyLoginAttempts() {
		BasicCredential password = throttledPassword();
		TokenCredential refused = refusedToken();

		assertThatExceptionOfType(TooManyLoginAttemptsException.class)
			.isThrownBy(() -> this.provider.authenticate(request(null, password, refused, null)));
	}

	@Test
	void authenticateWhenThrottledButAnotherCredentialValidThenThatOneWins() {
		BasicCredential password = throttledPassword();
		TokenCredential token = token(caller(1, false), CredentialType.PERSONAL_ACCESS_TOKEN, Set.of(Scope.TIME_READ));

		assertThat(this.provider.authenticate(request(null, password, token)))
			.isInstanceOfSatisfying(CallerAuthentication.class, (caller) -> {
				assertThat(caller.credentialType()).isEqualTo(CredentialType.PERSONAL_ACCESS_TOKEN);
				assertThat(caller.scopes()).containsExactly(Scope.TIME_READ);
			});
	}

	@Test
	void authenticateWhenNothingValidAndNotThrottledThenBadCredentials() {
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.provider.authenticate(request(null, refusedToken(), null)));
	}

	@Test
	void authenticateWhenSessionAndTokenOfOneUserThenScopesIntersectedAndNotInteractive() {
		User ann = user(1, true, 0);
		when(this.users.find(1)).thenReturn(Optional.of(new UserAccess(ann, Set.of())));
		CallerAuthentication session = new CallerAuthentication(Caller.of(ann, true), CredentialType.SESSION, 0);
		TokenCredential token = token(Caller.of(ann, false), CredentialType.PERSONAL_ACCESS_TOKEN,
				Set.of(Scope.PROFILE_READ, Scope.TIME_READ));

		assertThat(this.provider.authenticate(request(session, token)))
			.isInstanceOfSatisfying(CallerAuthentication.class, (caller) -> {
				assertThat(caller.caller().userId()).isEqualTo(1);
				assertThat(caller.scopes()).containsExactlyInAnyOrder(Scope.PROFILE_READ, Scope.TIME_READ);
				assertThat(caller.caller().interactive()).isFalse();
				// An administrator's credential narrowed below admin no longer
				// administers.
				assertThat(caller.caller().mayAdminister()).isFalse();
			});
	}

	@Test
	void authenticateWhenTwoTokensOfOneUserThenOnlyTheScopesBothAllow() {
		TokenCredential first = token(caller(1, false), CredentialType.PERSONAL_ACCESS_TOKEN,
				Set.of(Scope.PROFILE_READ, Scope.TIME_READ));
		TokenCredential second = token(caller(1, false), CredentialType.PERSONAL_ACCESS_TOKEN,
				Set.of(Scope.TIME_READ, Scope.TIME_WRITE));

		assertThat(this.provider.authenticate(request(null, first, second))).isInstanceOfSatisfying(
				CallerAuthentication.class, (caller) -> assertThat(caller.scopes()).containsExactly(Scope.TIME_READ));
	}

	@Test
	void authenticateWhenSessionUserChangedPasswordSinceThenTheSessionIsIgnored() {
		User ann = user(1, false, 0);
		// The stored user's credential version moved on: the session is over.
		when(this.users.find(1)).thenReturn(Optional.of(new UserAccess(user(1, false, 1), Set.of())));
		CallerAuthentication session = new CallerAuthentication(Caller.of(ann, true), CredentialType.SESSION, 0);

		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.provider.authenticate(request(session)));
	}

	private BasicCredential password(Caller caller, CredentialType type, Set<Scope> scopes) {
		BasicCredential credential = new BasicCredential(
				UsernamePasswordAuthenticationToken.unauthenticated(caller.login(), "secret"));
		when(this.passwords.authenticate(credential)).thenReturn(new CallerAuthentication(caller, type, 0, scopes));
		return credential;
	}

	private BasicCredential throttledPassword() {
		BasicCredential credential = new BasicCredential(
				UsernamePasswordAuthenticationToken.unauthenticated("ann", "guess"));
		when(this.passwords.authenticate(credential))
			.thenThrow(new TooManyLoginAttemptsException(Duration.ofMinutes(1)));
		return credential;
	}

	private TokenCredential token(Caller caller, CredentialType type, Set<Scope> scopes) {
		TokenCredential credential = new TokenCredential("gpat_value", TokenCarrier.BEARER, "192.0.2.1", null);
		when(this.tokens.authenticate(credential)).thenReturn(new CallerAuthentication(caller, type, 0, scopes));
		return credential;
	}

	private TokenCredential projectToken(long id) {
		TokenCredential credential = new TokenCredential("gprj_value", TokenCarrier.BEARER, "192.0.2.1", null);
		when(this.tokens.authenticate(credential)).thenReturn(new ProjectAccessTokenAuthentication(
				new ProjectAccessToken(id, 9, "APOLLO", "CI", NOW, LocalDate.of(2026, 12, 31), null)));
		return credential;
	}

	private TokenCredential refusedToken() {
		TokenCredential credential = new TokenCredential("gpat_wrong", TokenCarrier.BEARER, "192.0.2.1", null);
		when(this.tokens.authenticate(credential)).thenThrow(new BadCredentialsException("Invalid token"));
		return credential;
	}

	private static RequestCredentials request(CallerAuthentication session, Authentication... presented) {
		// A list that takes null: a malformed header is a null element.
		return new RequestCredentials(session, new ArrayList<>(Arrays.asList(presented)));
	}

	private static Caller caller(long id, boolean interactive) {
		return new Caller(id, "user" + id, UserKind.User, false, false, interactive);
	}

	private static User user(long id, boolean administrator, int credentialVersion) {
		return new User(id, "user" + id, "", "", null, "{noop}secret", UserKind.User, true, administrator, false, 1,
				"Developer", "en", credentialVersion, NOW, NOW, null);
	}

}
