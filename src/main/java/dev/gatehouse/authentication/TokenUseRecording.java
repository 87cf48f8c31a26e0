package dev.gatehouse.authentication;

import java.io.IOException;

import dev.gatehouse.system.TextRules;
import dev.gatehouse.token.TokenCarrier;
import dev.gatehouse.token.TokenUsageLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Hands each request made with a personal access token to the token's usage log once it
 * is answered, when its route template is known: the route, never the address with its
 * query string. Counting happens in memory.
 */
final class TokenUseRecording extends OncePerRequestFilter {

	private final TokenUsageLog usageLog;

	TokenUseRecording(TokenUsageLog usageLog) {
		this.usageLog = usageLog;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (authentication instanceof CallerAuthentication caller && caller.usageTokenId().isPresent()) {
				TokenCarrier carrier = caller.carrier().orElse(null);
				if (carrier != null) {
					String client = request.getHeader(HttpHeaders.USER_AGENT);
					this.usageLog.record(caller.usageTokenId().get(), request.getRemoteAddr(),
							(client != null) ? TextRules.printable(client) : null, request.getMethod(), route(request),
							carrier);
				}
			}
		}
	}

	/**
	 * The route template Spring MVC matched, or the servlet's own path for the OData
	 * feed.
	 */
	private static String route(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern != null) {
			return pattern.toString();
		}
		return request.getServletPath().isEmpty() ? "(unmatched)" : request.getServletPath() + "/**";
	}

}
