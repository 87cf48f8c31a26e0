package dev.gatehouse.authentication;

import java.io.IOException;

import dev.gatehouse.api.ApiErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for the API (SPEC §2.1): the challenge for Basic and Bearer, and the error body in
 * the requested format. Missing and wrong credentials get the same answer.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String CHALLENGE = "Basic realm=\"Gatehouse\", Bearer";

	private final ApiErrorWriter errors;

	ApiAuthenticationEntryPoint(ApiErrorWriter errors) {
		this.errors = errors;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof ServiceTokensSwitchedOffException) {
			refuse(request, response, authException.getMessage());
			return;
		}
		refuse(request, response,
				"Authentication required: sign in, or send HTTP Basic credentials or an access token");
	}

	void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		this.errors.write(request, response, HttpStatus.UNAUTHORIZED, message);
	}

}
