package dev.gatehouse.authentication;

import java.io.IOException;
import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.sso.ProviderIdentity;
import dev.gatehouse.sso.SingleSignOnUsers;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserService;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Turns a sign-in through an identity provider into a Gatehouse page session: the same
 * {@link CallerAuthentication} the login form gives, revalidated on every request like
 * it, so a deactivated or deleted user's session ends at once. The provider's own tokens
 * are not kept: Gatehouse calls nothing on the user's behalf.
 */
final class SingleSignOnSessions {

	private static final Logger logger = LoggerFactory.getLogger(SingleSignOnSessions.class);

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository contexts;

	private final UserDirectory directory;

	private final UserService users;

	private final AuthenticationSuccessHandler returnTo;

	SingleSignOnSessions(SecurityContextRepository contexts, UserDirectory directory, UserService users,
			AuthenticationSuccessHandler returnTo) {
		this.contexts = contexts;
		this.directory = directory;
		this.users = users;
		this.returnTo = returnTo;
	}

	void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		if (!(authentication.getPrincipal() instanceof ProviderIdentity identity)) {
			refused(request, response, null);
			return;
		}
		User user = this.directory.find(identity.userId()).map(UserAccess::user).filter(User::active).orElse(null);
		if (user == null) {
			refused(request, response, null);
			return;
		}
		CallerAuthentication caller = CallerAuthentication.signedInThrough(Caller.of(user, true),
				user.credentialVersion(), new CallerAuthentication.SignedInThrough(identity.registrationId(),
						identity.getIdToken().getTokenValue()));
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(caller);
		this.contextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		this.users.recordLogin(user.id());
		this.returnTo.onAuthenticationSuccess(request, response, caller);
	}

	/**
	 * Back to the login page with a reason it explains; anything else the provider or the
	 * ID token check refused is one generic reason.
	 */
	void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.contextHolder.clearContext();
		String code = (exception instanceof OAuth2AuthenticationException refused) ? refused.getError().getErrorCode()
				: "failed";
		if (!SingleSignOnUsers.REFUSALS.contains(code)) {
			// What the provider or the ID token check said, for the operator: error codes
			// and descriptions carry no secret.
			logger.info("Single sign-on failed: {}", (exception != null) ? exception.getMessage() : "no provider user");
			code = "failed";
		}
		response.sendRedirect(request.getContextPath() + "/login?sso=" + code);
	}

	/**
	 * After signing out of Gatehouse, out of the identity provider too where it publishes
	 * an end-session endpoint (OpenID Connect RP-initiated logout), and back to the login
	 * page; otherwise straight to the login page.
	 */
	LogoutSuccessHandler signedOut(ClientRegistrationRepository registrations) {
		OidcClientInitiatedLogoutSuccessHandler provider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		provider.setPostLogoutRedirectUri("{baseUrl}/login?logout");
		provider.setDefaultTargetUrl("/login?logout");
		return (request, response, authentication) -> {
			Authentication signedOut = authentication;
			if (authentication instanceof CallerAuthentication caller && caller.provider().isPresent()) {
				// The handler reads the registration and the ID token from Spring's own
				// token type.
				CallerAuthentication.SignedInThrough through = caller.provider().get();
				OidcIdToken idToken = OidcIdToken.withTokenValue(through.idToken()).subject(caller.getName()).build();
				signedOut = new OAuth2AuthenticationToken(new DefaultOidcUser(List.of(), idToken), List.of(),
						through.registrationId());
			}
			provider.onLogoutSuccess(request, response, signedOut);
		};
	}

	AuthenticationFailureHandler failureHandler() {
		return this::refused;
	}

	AuthenticationSuccessHandler successHandler() {
		return this::signedIn;
	}

	/**
	 * Keeps none of the provider's access or refresh tokens.
	 */
	static OAuth2AuthorizedClientRepository nothingKept() {
		return new OAuth2AuthorizedClientRepository() {

			@Override
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
					Authentication principal, HttpServletRequest request) {
				return null;
			}

			@Override
			public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}

			@Override
			public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}

		};
	}

}
