package dev.gatehouse.authentication;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.token.TokenFormat;
import dev.gatehouse.token.TokenFormats;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential converter reads untrusted headers and query parameters before any
 * authentication: whatever a request carries, it finds credentials or marks them
 * malformed (null), and never throws; what it finds goes through the token format without
 * an exception either.
 */
class ApiCredentialConverterFuzzTests {

	private static final ApiCredentialConverter CONVERTER = new ApiCredentialConverter();

	private static final TokenFormat FORMAT = TokenFormats.plain();

	/**
	 * Each line of the input is a header ({@code Authorization: …},
	 * {@code User-Agent: …}) or a query parameter ({@code token=…},
	 * {@code access_token=…}), so that the corpus reads as requests.
	 */
	@FuzzTest(maxDuration = "3m")
	void convertWhenAnyHeadersAndParametersThenCredentialsOrMalformedNeverAnException(byte[] input) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/Users/LoggedUser");
		request.setRemoteAddr("192.0.2.1");
		int parameters = 0;
		for (String line : new String(input, StandardCharsets.UTF_8).split("\n", 8)) {
			int colon = line.indexOf(": ");
			int equals = line.indexOf('=');
			if (colon > 0 && (equals < 0 || colon < equals)) {
				request.addHeader(line.substring(0, colon), line.substring(colon + 2));
			}
			else if (equals > 0) {
				request.addParameter(line.substring(0, equals), line.substring(equals + 1));
				parameters++;
			}
		}

		List<Authentication> credentials = CONVERTER.convert(request);

		assertThat(credentials).hasSizeLessThanOrEqualTo(1 + parameters);
		for (Authentication credential : credentials) {
			if (credential instanceof TokenCredential token) {
				FORMAT.parse(token.value());
				assertThat(token.address()).isEqualTo("192.0.2.1");
			}
			else if (credential != null) {
				assertThat(credential).isInstanceOf(UsernamePasswordAuthenticationToken.class);
				assertThat(credential.getName()).isNotEmpty();
			}
		}
	}

}
