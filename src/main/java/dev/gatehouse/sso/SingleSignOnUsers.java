package dev.gatehouse.sso;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.User;
import dev.gatehouse.sso.RoleMapping.Roles;
import dev.gatehouse.user.UserService;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which Gatehouse user a provider's sign-in is: the one linked to its (issuer, subject);
 * on a first sign-in, an existing user with the same email only if the provider marks it
 * verified and the administrator allows linking by email, else a new user with the
 * default role unless provisioning is off. A deactivated user is refused whatever the
 * provider says. With a role mapping, the provider's claims decide at each sign-in who is
 * an administrator and who a requester. Each refusal is audited and names its reason on
 * the login page.
 */
@Component
public class SingleSignOnUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

	/** The error codes the login page explains. */
	public static final List<String> REFUSALS = List.of("unknown_provider", "not_provisioned", "email_ambiguous",
			"account_deactivated");

	private final OidcUserService provider = new OidcUserService();

	private final JdbcIdentityProviderRepository identities;

	private final UserService users;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	SingleSignOnUsers(JdbcIdentityProviderRepository identities, UserService users, AuditLog audit,
			TransactionTemplate transaction, Clock clock) {
		this.identities = identities;
		this.users = users;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
		OidcUser signedIn = this.provider.loadUser(request);
		String registrationId = request.getClientRegistration().getRegistrationId();
		IdentityProvider provider = this.identities.findByRegistrationId(registrationId)
			.orElseThrow(() -> refused("unknown_provider", registrationId, signedIn));
		String issuer = signedIn.getIdToken().getIssuer().toString();
		long userId = this.identities.linkedUser(issuer, signedIn.getSubject())
			.orElseGet(() -> firstSignIn(provider, issuer, signedIn));
		User user = this.users.findById(userId).orElseThrow(() -> refused("not_provisioned", registrationId, signedIn));
		if (!user.active()) {
			throw refused("account_deactivated", registrationId, signedIn);
		}
		if (provider.roleMapping() != null) {
			Roles roles = provider.roleMapping().rolesFrom(signedIn.getClaims());
			this.users.applyIdentityProviderRoles(userId, roles.administrator(), roles.requester(),
					provider.displayName());
		}
		return new ProviderIdentity(signedIn, userId, registrationId);
	}

	private long firstSignIn(IdentityProvider provider, String issuer, OidcUser signedIn) {
		Optional<User> existing = Optional.empty();
		if (provider.linkByVerifiedEmail() && signedIn.getEmail() != null
				&& Boolean.TRUE.equals(signedIn.getEmailVerified())) {
			List<User> withEmail = this.users.findByEmail(signedIn.getEmail());
			if (withEmail.size() > 1) {
				throw refused("email_ambiguous", provider.registrationId(), signedIn);
			}
			existing = withEmail.stream().findFirst();
		}
		if (existing.isEmpty() && !provider.provisionUsers()) {
			throw refused("not_provisioned", provider.registrationId(), signedIn);
		}
		Optional<User> linked = existing;
		try {
			return this.transaction.execute((status) -> {
				User user = linked.orElseGet(() -> this.users.createFromIdentityProvider(suggestedLogin(signedIn),
						signedIn.getGivenName(), signedIn.getFamilyName(),
						Boolean.TRUE.equals(signedIn.getEmailVerified()) ? signedIn.getEmail() : null,
						provider.displayName()));
				this.identities.link(issuer, signedIn.getSubject(), user.id(), provider.id(), this.clock.instant());
				return user.id();
			});
		}
		catch (DuplicateKeyException ex) {
			// The same identity's first sign-in on another tab or node won the race.
			return this.identities.linkedUser(issuer, signedIn.getSubject()).orElseThrow(() -> ex);
		}
	}

	private static String suggestedLogin(OidcUser user) {
		if (user.getPreferredUsername() != null) {
			return user.getPreferredUsername();
		}
		return (user.getEmail() != null) ? user.getEmail() : user.getSubject();
	}

	private OAuth2AuthenticationException refused(String code, String registrationId, OidcUser signedIn) {
		this.audit.recordTechnical(AuditAction.SINGLE_SIGN_ON_REFUSED, "single sign-on '" + registrationId + "'",
				code + ": subject " + signedIn.getSubject());
		return new OAuth2AuthenticationException(new OAuth2Error(code));
	}

}
