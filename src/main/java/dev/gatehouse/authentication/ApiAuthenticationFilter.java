package dev.gatehouse.authentication;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.api.ApiErrorWriter;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.token.Scope;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API request from every credential it carries (SPEC §2.4): the session
 * cookie, HTTP Basic, service tokens and personal access tokens. Invalid credentials are
 * ignored; all valid ones must name the same user, otherwise the request is refused with
 * 401. The session's user is read afresh, so deactivation applies on the next request.
 *
 * <p>
 * It runs before the CSRF filter, which then demands a CSRF token exactly when the
 * session cookie is what authenticated a state-changing request.
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

	private final ApiCredentialConverter credentials;

	private final AuthenticationManager authenticationManager;

	private final UserDirectory users;

	private final ApiAuthenticationEntryPoint entryPoint;

	private final ApiErrorWriter errors;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	ApiAuthenticationFilter(ApiCredentialConverter credentials, AuthenticationManager authenticationManager,
			UserDirectory users, ApiAuthenticationEntryPoint entryPoint, ApiErrorWriter errors) {
		this.credentials = credentials;
		this.authenticationManager = authenticationManager;
		this.users = users;
		this.entryPoint = entryPoint;
		this.errors = errors;
	}

	/**
	 * One authentication for the request: the last credential is an explicit one whenever
	 * there is one (it decides the CSRF exemption), and the request may do only what
	 * every credential it carries allows: the intersection of their scopes, and it is
	 * interactive only if every one of them is.
	 */
	private static CallerAuthentication combined(List<CallerAuthentication> valid) {
		CallerAuthentication last = valid.get(valid.size() - 1);
		Set<Scope> scopes = EnumSet.copyOf(Scope.all());
		valid.forEach((authentication) -> scopes.retainAll(authentication.scopes()));
		boolean interactive = valid.stream().allMatch((authentication) -> authentication.caller().interactive());
		if (scopes.equals(last.scopes()) && interactive == last.caller().interactive()) {
			return last;
		}
		return new CallerAuthentication(interactive ? last.caller() : last.caller().asProgram(), last.credentialType(),
				last.credentialVersion(), scopes);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<CallerAuthentication> valid = new ArrayList<>();
		List<ProjectAccessTokenAuthentication> projectTokens = new ArrayList<>();
		if (this.contextHolder.getContext().getAuthentication() instanceof CallerAuthentication session) {
			session.refreshedFor(this.users.find(session.caller().userId()).map(UserAccess::user))
				.ifPresent(valid::add);
		}
		TooManyLoginAttemptsException throttled = null;
		for (Authentication candidate : this.credentials.convert(request)) {
			if (candidate == null) {
				// A malformed Authorization header: an invalid credential.
				continue;
			}
			try {
				Authentication authenticated = this.authenticationManager.authenticate(candidate);
				if (authenticated instanceof ProjectAccessTokenAuthentication projectToken) {
					projectTokens.add(projectToken);
				}
				else {
					valid.add((CallerAuthentication) authenticated);
				}
			}
			catch (TooManyLoginAttemptsException ex) {
				// Answered only if no other credential of the request is valid (SPEC
				// §2.6).
				throttled = ex;
			}
			catch (AuthenticationException ex) {
				// Invalid credentials are ignored; a request left without a valid one
				// gets 401.
			}
		}
		if (valid.isEmpty() && projectTokens.isEmpty() && throttled != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
			this.errors.write(request, response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
			return;
		}
		if (valid.stream().map((authentication) -> authentication.caller().userId()).distinct().count() > 1) {
			this.entryPoint.refuse(request, response, "The credentials of this request name different users");
			return;
		}
		if (!projectTokens.isEmpty() && (projectTokens.size() > 1 || !valid.isEmpty())) {
			// A project's technical user is nobody else: which one would act is
			// ambiguous.
			this.entryPoint.refuse(request, response,
					"A project access token cannot be combined with other credentials in one request");
			return;
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		if (!projectTokens.isEmpty()) {
			context.setAuthentication(projectTokens.get(0));
		}
		else if (!valid.isEmpty()) {
			context.setAuthentication(combined(valid));
		}
		this.contextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
