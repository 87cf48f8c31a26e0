package dev.gatehouse.authentication;

import java.io.IOException;

import dev.gatehouse.api.ApiErrorWriter;
import dev.gatehouse.trustedci.CiTokenVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * 403 for the API, saying why: requesters have no API access (SPEC §2.2), or a
 * cookie-authenticated change came without its CSRF token. A CI job's refusal is audited:
 * its token was valid, and was used for something it may not do.
 */
final class ApiAccessDeniedHandler implements AccessDeniedHandler {

	static final String REQUESTER_MESSAGE = "Requester accounts have no API access";

	private final ApiErrorWriter errors;

	private final CiTokenVerifier ciTokens;

	ApiAccessDeniedHandler(ApiErrorWriter errors, CiTokenVerifier ciTokens) {
		this.errors = errors;
		this.ciTokens = ciTokens;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof CiJobAuthentication ci) {
			this.ciTokens.refusedRequest(ci.job(), request.getMethod() + " " + request.getRequestURI(),
					request.getRemoteAddr());
		}
		this.errors.write(request, response, HttpStatus.FORBIDDEN, message(request, accessDeniedException));
	}

	private static String message(HttpServletRequest request, AccessDeniedException exception) {
		if (exception instanceof CsrfException) {
			return "A change sent from a browser page must carry the CSRF token (header X-CSRF-TOKEN);"
					+ " scripts should use HTTP Basic or an access token instead";
		}
		if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication
				&& authentication.caller().isRequester()) {
			return REQUESTER_MESSAGE;
		}
		if (request.getAttribute(ScopeRules.PROJECT_TOKEN_REFUSED) != null) {
			boolean ci = SecurityContextHolder.getContext().getAuthentication() instanceof CiJobAuthentication;
			return (ci ? "A CI token" : "A project access token")
					+ " may only upload snapshots to its project (POST /api/v1/Projects/{key}/Snapshots)";
		}
		if (request.getAttribute(ScopeRules.MISSING_SCOPE) != null) {
			return "This access token's scopes do not cover this request; it needs "
					+ request.getAttribute(ScopeRules.MISSING_SCOPE);
		}
		return "You do not have access to this resource";
	}

}
