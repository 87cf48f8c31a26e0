package dev.gatehouse.authentication;

import java.io.IOException;

import dev.gatehouse.api.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API request: converts what it carries into {@link RequestCredentials}
 * (with the session's authentication, if any), has the authentication manager decide, and
 * hands off. A request without a valid credential goes on unauthenticated, and the routes
 * that need one answer 401; credentials that conflict are refused at once; too many
 * failed sign-ins answer 429.
 *
 * <p>
 * It runs before the CSRF filter, which then demands a CSRF token exactly when the
 * session cookie is what authenticated a state-changing request.
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

	private final ApiCredentialConverter converter;

	private final AuthenticationManager authenticationManager;

	private final ApiAuthenticationEntryPoint entryPoint;

	private final ApiErrorWriter errors;

	private final RequestMatcher openRoutes;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	ApiAuthenticationFilter(ApiCredentialConverter converter, AuthenticationManager authenticationManager,
			ApiAuthenticationEntryPoint entryPoint, ApiErrorWriter errors, RequestMatcher openRoutes) {
		this.converter = converter;
		this.authenticationManager = authenticationManager;
		this.entryPoint = entryPoint;
		this.errors = errors;
		this.openRoutes = openRoutes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CallerAuthentication session = (this.contextHolder.getContext()
			.getAuthentication() instanceof CallerAuthentication signedIn) ? signedIn : null;
		RequestCredentials credentials = new RequestCredentials(session, this.converter.convert(request));
		SecurityContext context = this.contextHolder.createEmptyContext();
		if (session != null || !credentials.presented().isEmpty()) {
			try {
				Authentication authenticated = this.authenticationManager.authenticate(credentials);
				context.setAuthentication(authenticated);
			}
			catch (TooManyLoginAttemptsException ex) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()));
				this.errors.write(request, response, HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
				return;
			}
			catch (CredentialsConflictException ex) {
				this.entryPoint.refuse(request, response, ex.getMessage());
				return;
			}
			catch (AuthenticationException ex) {
				if (!credentials.presented().isEmpty() && !this.openRoutes.matches(request)) {
					this.contextHolder.setContext(context);
					this.entryPoint.commence(request, response, ex);
					return;
				}
				// No valid credential: on without one.
			}
		}
		this.contextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
