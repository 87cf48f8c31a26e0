package dev.gatehouse.authentication;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.token.TokenCarrier;
import dev.gatehouse.trustedci.CiTokenVerifier;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;

/**
 * Finds every credential an API request carries (SPEC §2.4): the {@code Authorization}
 * header (Basic with login and password, Basic with an empty user name and a token as
 * password, Bearer with a Gatehouse token or a CI job's OpenID Connect token) and the
 * {@code token} and {@code access_token} query parameters. A malformed header counts as
 * an invalid credential.
 */
final class ApiCredentialConverter {

	private static final String BEARER = "bearer ";

	private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter(
			new WebAuthenticationDetailsSource());

	/**
	 * The credentials of the request, unchecked; an element is {@code null} for a
	 * malformed one.
	 * @param request the request
	 * @return the credentials
	 */
	List<Authentication> convert(HttpServletRequest request) {
		List<Authentication> credentials = new ArrayList<>();
		String address = request.getRemoteAddr();
		String client = request.getHeader(HttpHeaders.USER_AGENT);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			String trimmed = authorization.trim();
			if (trimmed.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				String value = trimmed.substring(BEARER.length()).trim();
				credentials.add(CiTokenVerifier.looksLikeJwt(value) ? new CiTokenCredential(value, address)
						: new TokenCredential(value, TokenCarrier.BEARER, address, client));
			}
			else {
				credentials.add(basic(request, address, client));
			}
		}
		parameters(request, "token", TokenCarrier.TOKEN_PARAMETER, address, client, credentials);
		parameters(request, "access_token", TokenCarrier.ACCESS_TOKEN_PARAMETER, address, client, credentials);
		return credentials;
	}

	private Authentication basic(HttpServletRequest request, String address, String client) {
		try {
			UsernamePasswordAuthenticationToken password = this.basic.convert(request);
			if (password == null) {
				// Another scheme (e.g. Digest): not a credential Gatehouse accepts.
				return null;
			}
			if (password.getName().isEmpty()) {
				return new TokenCredential(String.valueOf(password.getCredentials()), TokenCarrier.BASIC_PASSWORD,
						address, client);
			}
			return new BasicCredential(password);
		}
		catch (BadCredentialsException ex) {
			return null;
		}
	}

	private static void parameters(HttpServletRequest request, String name, TokenCarrier carrier, String address,
			String client, List<Authentication> credentials) {
		String[] values = request.getParameterValues(name);
		if (values != null) {
			for (String value : values) {
				credentials.add(new TokenCredential(value.trim(), carrier, address, client));
			}
		}
	}

}
