package dev.gatehouse.authentication;

import java.util.Set;

import dev.gatehouse.api.ApiErrorWriter;
import dev.gatehouse.authentication.PasswordAuthenticationProvider.LoginFormDisabledException;
import dev.gatehouse.sso.IdentityProviderRegistrations;
import dev.gatehouse.sso.SingleSignOnUsers;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.token.TokenUsageLog;
import dev.gatehouse.trustedci.CiTokenVerifier;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may reach what, read top to bottom.
 *
 * <ol>
 * <li><b>API chain</b> ({@code /api/**}, {@code /actuator/**}): credentials are the
 * session cookie (read, never created), HTTP Basic, service tokens ({@code ?token=}) and
 * personal access tokens ({@code ?access_token=}, Bearer, Basic with an empty user name),
 * project access tokens (Bearer, Basic with an empty user name), all checked by
 * {@link ApiAuthenticationFilter}. Personal access tokens are narrowed to their scopes by
 * {@link ScopeRules}; project access tokens may only upload snapshots. No credential or a
 * wrong one: 401 with {@code WWW-Authenticate}. Requesters: 403. CSRF is required only
 * when the session cookie authenticated a state-changing request. Health is public; other
 * actuator endpoints are for administrators.</li>
 * <li><b>Page chain</b> (everything else): the login form or single sign-on through an
 * identity provider (OpenID Connect), a session cookie, CSRF on every form, logout.
 * Requesters reach the home page only. Administration pages and the reporting settings
 * are for administrators, except a project's access tokens, which its project
 * administrators manage too.</li>
 * </ol>
 * Paths match case-insensitively in both chains, exactly as Spring MVC matches them, so
 * that no spelling of a path reaches a controller past the wrong chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Bean
	PathPatternRequestMatcher.Builder pathPatternRequestMatcherBuilder(PathPatternParser gatehousePathPatternParser) {
		return PathPatternRequestMatcher.withPathPatternParser(gatehousePathPatternParser);
	}

	/**
	 * Before everything else, so that no log line or link ever shows a token from the
	 * query string.
	 */
	@Bean
	FilterRegistrationBean<TokenParameterHidingFilter> tokenParameterHidingFilter() {
		FilterRegistrationBean<TokenParameterHidingFilter> registration = new FilterRegistrationBean<>(
				new TokenParameterHidingFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/**
	 * No observations of the filter chain, authentication or authorization: they are
	 * tracing spans, and Gatehouse has no tracer. With the settings off, Spring Security
	 * does not wrap every filter of the chain in an observation on every request, which
	 * the management property alone left in place (docs/performance.md).
	 */
	@Bean
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * CSRF tokens live in an HttpOnly cookie (pages put the masked token in a meta tag
	 * and forms), so that anonymous visitors never cost a stored session. Both chains
	 * share it: a token from a page is accepted by the API.
	 */
	@Bean
	CookieCsrfTokenRepository csrfTokenRepository() {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setHeaderName("X-CSRF-TOKEN");
		repository.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		return repository;
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, PathPatternRequestMatcher.Builder paths,
			RequestCredentialsAuthenticationProvider credentials, ApiErrorWriter errors,
			CookieCsrfTokenRepository csrfTokens, CiTokenVerifier ciTokens, TokenUsageLog usageLog) throws Exception {
		ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(errors);
		ProviderManager manager = new ProviderManager(credentials);
		// Each credential was checked, and its secret erased, by the provider that knows
		// it.
		manager.setEraseCredentialsAfterAuthentication(false);
		RequestMatcher health = RequestMatchers.anyOf(paths.matcher("/actuator/health"),
				paths.matcher("/actuator/health/**"));
		// Leak reports come from anyone, with whatever they hold (issue 16).
		RequestMatcher leakReports = paths.matcher(HttpMethod.POST, "/api/v1/AccessTokens/revoke");
		// Apps being paired hold no credential yet: the device grant's two endpoints
		// (issue 17).
		RequestMatcher devicePairing = RequestMatchers.anyOf(
				paths.matcher(HttpMethod.POST, "/api/oauth2/device_authorization"),
				paths.matcher(HttpMethod.POST, "/api/oauth2/token"));
		ApiAuthenticationFilter authentication = new ApiAuthenticationFilter(new ApiCredentialConverter(), manager,
				entryPoint, errors, RequestMatchers.anyOf(health, leakReports, devicePairing));
		http.securityMatcher(RequestMatchers.anyOf(paths.matcher("/api/**"), paths.matcher("/odata/**"),
				paths.matcher("/actuator/**")))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(health, leakReports, devicePairing)
				.permitAll()
				.requestMatchers(paths.matcher("/actuator/**"))
				.hasRole("ADMIN")
				.anyRequest()
				.access(new ScopeRules(paths)))
			// Reads the page session's context; never creates a session nor saves into
			// one.
			.securityContext((context) -> context.securityContextRepository(readOnlySessionContext()))
			.sessionManagement((sessions) -> sessions.disable())
			.addFilterBefore(authentication, CsrfFilter.class)
			.addFilterAfter(new TokenUseRecording(usageLog), ApiAuthenticationFilter.class)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens).requireCsrfProtectionMatcher(forgeableChange()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(new ApiAccessDeniedHandler(errors, ciTokens)))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, PathPatternRequestMatcher.Builder paths,
			PasswordAuthenticationProvider passwords, UserDirectory directory, CookieCsrfTokenRepository csrfTokens,
			IdentityProviderRegistrations identityProviders, SingleSignOnUsers singleSignOnUsers, UserService users)
			throws Exception {
		// The page to return to after signing in is kept in a cookie, not a session.
		CookieRequestCache returnPage = new CookieRequestCache();
		SecurityContextRepository sessionContexts = new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
		SingleSignOnSessions singleSignOn = new SingleSignOnSessions(sessionContexts, directory, users,
				returnTo(returnPage));
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(paths.matcher("/login"), paths.matcher("/error"), paths.matcher("/css/**"),
					paths.matcher("/js/**"), paths.matcher("/favicon.ico"), paths.matcher("/v3/api-docs"),
					paths.matcher("/v3/api-docs.yaml"), paths.matcher("/v3/api-docs/**"),
					paths.matcher("/swagger-ui/**"), paths.matcher("/swagger-ui.html"),
					paths.matcher(HttpMethod.GET, "/.well-known/oauth-authorization-server"))
			.permitAll()
			// SPEC §2.2: requesters reach the home page, which tells them why, and no
			// other: every other page shows or changes work data or credentials.
			.requestMatchers(RequestMatchers.allOf(signedInRequester(), RequestMatchers.not(paths.matcher("/"))))
			.denyAll()
			// Project administrators manage their project's tokens; the service checks
			// the project role.
			.requestMatchers(paths.matcher("/admin/projects/*/access-tokens"),
					paths.matcher("/admin/projects/*/access-tokens/**"))
			.authenticated()
			.requestMatchers(paths.matcher("/admin/**"), paths.matcher("/settings/reporting-and-api/**"))
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			// The login form's provider; oauth2Login adds the OpenID Connect ones beside
			// it.
			.authenticationProvider(passwords)
			.addFilterAfter(new SessionRevalidationFilter(directory, identityProviders),
					SecurityContextHolderFilter.class)
			.securityContext((context) -> context.securityContextRepository(sessionContexts))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(returnTo(returnPage))
				.failureHandler(loginFailure()))
			// Single sign-on: authorization code with PKCE, state and nonce; the ID
			// token's
			// signature, issuer, audience and expiry checked by Spring Security.
			.oauth2Login((login) -> login.loginPage("/login")
				.clientRegistrationRepository(identityProviders)
				.authorizedClientRepository(SingleSignOnSessions.nothingKept())
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(singleSignOnUsers))
				.successHandler(singleSignOn.successHandler())
				.failureHandler(singleSignOn.failureHandler()))
			.logout((logout) -> logout.logoutUrl("/logout")
				.logoutSuccessHandler(singleSignOn.signedOut(identityProviders)))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(pageAccessDenied()))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens))
			.requestCache((cache) -> cache.requestCache(returnPage))
			.headers((headers) -> headers.addHeaderWriter(new PageContentPolicy(identityProviders)));
		return http.build();
	}

	private static HttpSessionSecurityContextRepository readOnlySessionContext() {
		HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
		repository.setAllowSessionCreation(false);
		return repository;
	}

	/**
	 * A state-changing request that a foreign page could forge, so the one that needs the
	 * CSRF token: authenticated by the session cookie, or sent by a browser from another
	 * site, where it may carry Basic credentials the browser cached and re-sends on its
	 * own (a password, a personal or a project access token alike). Scripts send neither
	 * cookie nor {@code Sec-Fetch-Site}, so they need no token.
	 */
	private static RequestMatcher forgeableChange() {
		return (request) -> {
			if (SAFE_METHODS.contains(request.getMethod())) {
				return false;
			}
			if (isCrossSite(request)) {
				return true;
			}
			return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication caller
					&& caller.credentialType() == CredentialType.SESSION;
		};
	}

	/**
	 * A request of a signed-in requester.
	 */
	private static RequestMatcher signedInRequester() {
		return (request) -> SecurityContextHolder.getContext()
			.getAuthentication() instanceof CallerAuthentication caller && caller.caller().isRequester();
	}

	/**
	 * A refused page says why when the reason is being a requester; otherwise the usual
	 * 403 page.
	 */
	private static AccessDeniedHandler pageAccessDenied() {
		AccessDeniedHandlerImpl otherwise = new AccessDeniedHandlerImpl();
		return (request, response, exception) -> {
			if (!(exception instanceof CsrfException) && signedInRequester().matches(request)) {
				response.sendError(HttpServletResponse.SC_FORBIDDEN, AccessRefusedException.REQUESTER_REFUSED);
				return;
			}
			otherwise.handle(request, response, exception);
		};
	}

	/**
	 * Whether a browser says the request comes from another site (Fetch Metadata), or,
	 * for browsers without it, names a foreign {@code Origin}.
	 */
	static boolean isCrossSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return !site.equals("same-origin") && !site.equals("none");
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return false;
		}
		int defaultPort = request.getScheme().equals("https") ? 443 : 80;
		String own = request.getScheme() + "://" + request.getServerName()
				+ ((request.getServerPort() == defaultPort) ? "" : ":" + request.getServerPort());
		return !origin.equalsIgnoreCase(own);
	}

	/**
	 * After signing in, back to the page that asked for it (the sign-in itself is
	 * recorded by the provider).
	 */
	private static SavedRequestAwareAuthenticationSuccessHandler returnTo(RequestCache returnPage) {
		SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler();
		handler.setRequestCache(returnPage);
		return handler;
	}

	/**
	 * Back to the login page with a reason it may show: wrong credentials (never which of
	 * the two), too many attempts, or the login form being disabled.
	 */
	private static AuthenticationFailureHandler loginFailure() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			String reason = "error";
			if (exception instanceof TooManyLoginAttemptsException tooMany) {
				reason = "blocked=" + tooMany.retryAfterSeconds();
			}
			else if (exception instanceof LoginFormDisabledException) {
				reason = "disabled";
			}
			response.sendRedirect(request.getContextPath() + "/login?" + reason);
		};
	}

}
