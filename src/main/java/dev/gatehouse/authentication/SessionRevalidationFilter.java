package dev.gatehouse.authentication;

import java.io.IOException;
import java.util.Optional;

import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rebuilds a page session's caller from the stored user on every request: a deleted or
 * deactivated user is signed out at once, and a change of administrator rights applies on
 * the next page. A session signed in through an identity provider that has been removed
 * is over too.
 */
final class SessionRevalidationFilter extends OncePerRequestFilter {

	private final UserDirectory users;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final ClientRegistrationRepository identityProviders;

	SessionRevalidationFilter(UserDirectory users, ClientRegistrationRepository identityProviders) {
		this.users = users;
		this.identityProviders = identityProviders;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.contextHolder.getContext().getAuthentication() instanceof CallerAuthentication signedIn) {
			Optional<CallerAuthentication> refreshed = signedIn.refreshedFor(
					this.users.find(signedIn.caller().userId()).map(UserAccess::user), this.identityProviders);
			SecurityContext context = this.contextHolder.createEmptyContext();
			if (refreshed.isPresent()) {
				context.setAuthentication(refreshed.get());
			}
			else {
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			this.contextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
