package dev.gatehouse.authentication;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the {@code token} and {@code access_token} query parameters out of the query
 * string that everything downstream sees, so that no log line (Spring Security's own
 * DEBUG lines print the request URL) and no link built from the request (a collection's
 * {@code Next}) ever carries a token. The credential converter still reads them as
 * parameters.
 */
final class TokenParameterHidingFilter extends OncePerRequestFilter {

	private static final Set<String> HIDDEN = Set.of("token", "access_token");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query == null || cannotNameToken(query)) {
			chain.doFilter(request, response);
			return;
		}
		String visible = Arrays.stream(query.split("&"))
			.filter((pair) -> !HIDDEN.contains(name(pair)))
			.collect(Collectors.joining("&"));
		if (visible.length() == query.length()) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public String getQueryString() {
				return visible.isEmpty() ? null : visible;
			}

		}, response);
	}

	/**
	 * Most queries ({@code ?format=json}) cannot name a token parameter: no "token" in
	 * any case and no percent-encoding to hide one. They skip the split and decode, which
	 * cost about 3% of a token request (docs/performance.md).
	 */
	private static boolean cannotNameToken(String query) {
		return query.indexOf('%') < 0 && !query.toLowerCase(Locale.ROOT).contains("token");
	}

	/**
	 * The parameter's name as the server reads it: decoded ({@code %74oken} is
	 * {@code token}), in any case.
	 */
	private static String name(String pair) {
		int equals = pair.indexOf('=');
		String raw = (equals < 0) ? pair : pair.substring(0, equals);
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return raw.toLowerCase(Locale.ROOT);
		}
	}

}
