package dev.gatehouse.authentication;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.token.Scope;
import dev.gatehouse.token.TokenCarrier;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * A successful authentication: the {@link Caller} and the credential that proved it. Kept
 * in the session for page sign-ins, and rebuilt from the stored user on every request so
 * that deactivation or a change of rights applies at once.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final Caller caller;

	private final CredentialType credentialType;

	private final int credentialVersion;

	private final EnumSet<Scope> scopes;

	/** The identity provider the session was signed in with, or {@code null}. */
	private final SignedInThrough provider;

	/** Where the request carried its personal access token, or {@code null}. */
	private final TokenCarrier carrier;

	/** The personal access token whose usage log the request goes to, or {@code null}. */
	private final Long usageTokenId;

	/**
	 * An authentication with every scope (a session, a password, a service token).
	 * @param caller who is authenticated
	 * @param credentialType how
	 * @param credentialVersion the user's credential version when the credential was
	 * checked; a session signed in with an older one is over
	 */
	public CallerAuthentication(Caller caller, CredentialType credentialType, int credentialVersion) {
		this(caller, credentialType, credentialVersion, Scope.all());
	}

	/**
	 * An authentication narrowed to scopes (a personal access token).
	 * @param caller who is authenticated
	 * @param credentialType how
	 * @param credentialVersion the user's credential version
	 * @param scopes what the credential may be used for
	 */
	public CallerAuthentication(Caller caller, CredentialType credentialType, int credentialVersion,
			Set<Scope> scopes) {
		this(caller, credentialType, credentialVersion, scopes, null, null, null);
	}

	private CallerAuthentication(Caller caller, CredentialType credentialType, int credentialVersion, Set<Scope> scopes,
			SignedInThrough provider, TokenCarrier carrier, Long usageTokenId) {
		super(authorities(narrowed(caller, scopes)));
		this.provider = provider;
		this.carrier = carrier;
		this.usageTokenId = usageTokenId;
		this.caller = narrowed(caller, scopes);
		this.credentialType = credentialType;
		this.credentialVersion = credentialVersion;
		this.scopes = scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
		setAuthenticated(true);
	}

	/**
	 * What this credential may be used for; the caller's own rights still apply on top.
	 * @return the scopes
	 */
	public Set<Scope> scopes() {
		return Collections.unmodifiableSet(this.scopes);
	}

	public boolean hasEveryScope() {
		return this.scopes.containsAll(Scope.all());
	}

	public Caller caller() {
		return this.caller;
	}

	/**
	 * A page session signed in through an identity provider.
	 * @param caller who signed in
	 * @param credentialVersion the user's credential version
	 * @param provider the provider and the ID token it issued (for signing out there)
	 * @return the authentication
	 */
	static CallerAuthentication signedInThrough(Caller caller, int credentialVersion, SignedInThrough provider) {
		return new CallerAuthentication(caller, CredentialType.SESSION, credentialVersion, Scope.all(), provider, null,
				null);
	}

	/**
	 * A request authenticated by a personal access token.
	 * @param caller the owner, acting through the token
	 * @param credentialVersion the owner's credential version
	 * @param scopes the token's scopes
	 * @param carrier where the request carried it, for the token's usage log
	 * @param tokenId the token, for its usage log
	 * @return the authentication
	 */
	static CallerAuthentication personalAccessToken(Caller caller, int credentialVersion, Set<Scope> scopes,
			TokenCarrier carrier, long tokenId) {
		return new CallerAuthentication(caller, CredentialType.PERSONAL_ACCESS_TOKEN, credentialVersion, scopes, null,
				carrier, tokenId);
	}

	/**
	 * The same authentication narrowed to fewer scopes, or made not interactive, when a
	 * request carries several credentials; a personal access token among them still has
	 * its use logged.
	 * @param narrowedCaller the caller the request acts as
	 * @param scopes what every credential allows
	 * @param usage the authentication whose token's usage log the request goes to, or
	 * {@code null}
	 * @return the authentication
	 */
	CallerAuthentication combinedWith(Caller narrowedCaller, Set<Scope> scopes, CallerAuthentication usage) {
		return new CallerAuthentication(narrowedCaller, this.credentialType, this.credentialVersion, scopes,
				this.provider, (usage != null) ? usage.carrier : null, (usage != null) ? usage.usageTokenId : null);
	}

	/**
	 * Where the request carried its personal access token.
	 * @return the place, or empty for any other credential
	 */
	Optional<TokenCarrier> carrier() {
		return Optional.ofNullable(this.carrier);
	}

	/**
	 * The personal access token whose usage log the request goes to.
	 * @return the token, or empty for any other credential
	 */
	Optional<Long> usageTokenId() {
		return Optional.ofNullable(this.usageTokenId);
	}

	/**
	 * The identity provider this session was signed in with.
	 * @return the provider, or empty for the login form and every other credential
	 */
	Optional<SignedInThrough> provider() {
		return Optional.ofNullable(this.provider);
	}

	public CredentialType credentialType() {
		return this.credentialType;
	}

	public int credentialVersion() {
		return this.credentialVersion;
	}

	/**
	 * This session's authentication for the current request, if the user still exists, is
	 * active and has not changed login or password since signing in, and the identity
	 * provider it signed in through, if any, is still there.
	 * @param current the user as stored now
	 * @param identityProviders the identity providers as they are now
	 * @return the refreshed authentication, or empty when the session is over
	 */
	Optional<CallerAuthentication> refreshedFor(Optional<User> current,
			ClientRegistrationRepository identityProviders) {
		if (this.provider != null && identityProviders.findByRegistrationId(this.provider.registrationId()) == null) {
			// Signed in through an identity provider that was removed since.
			return Optional.empty();
		}
		return current.filter(User::active)
			.filter((user) -> user.credentialVersion() == this.credentialVersion)
			.map((user) -> new CallerAuthentication(Caller.of(user, true), CredentialType.SESSION,
					this.credentialVersion, Scope.all(), this.provider, null, null));
	}

	@Override
	public Object getPrincipal() {
		return this.caller;
	}

	@Override
	public Object getCredentials() {
		// Credentials are never kept after authentication.
		return null;
	}

	@Override
	public String getName() {
		return this.caller.login();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CallerAuthentication that && this.caller.equals(that.caller)
				&& this.credentialType == that.credentialType && this.credentialVersion == that.credentialVersion
				&& this.scopes.equals(that.scopes);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.caller, this.credentialType, this.credentialVersion);
	}

	/**
	 * Without the {@code admin} scope, an administrator's credential does not administer;
	 * it still reaches every project's work data, as its owner does (SPEC §4.5).
	 */
	private static Caller narrowed(Caller caller, Set<Scope> scopes) {
		return (caller.mayAdminister() && !scopes.contains(Scope.ADMIN)) ? caller.withoutAdministration() : caller;
	}

	private static List<GrantedAuthority> authorities(Caller caller) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		if (caller.mayAdminister()) {
			authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		}
		return authorities;
	}

	/**
	 * Which identity provider a session came from.
	 *
	 * @param registrationId the provider's registration id
	 * @param idToken the ID token it issued, the hint for signing out there
	 */
	record SignedInThrough(String registrationId, String idToken) implements Serializable {

		@Override
		public String toString() {
			return "SignedInThrough[" + this.registrationId + "]";
		}

	}

}
