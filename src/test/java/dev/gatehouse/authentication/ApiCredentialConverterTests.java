package dev.gatehouse.authentication;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.gatehouse.token.TokenCarrier;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which credentials an API request carries: Bearer, Basic with a login (a password) or
 * with an empty user name (a token), and the {@code token} and {@code access_token}
 * parameters, each with where it came from; a malformed header is an invalid (null)
 * credential, another scheme none at all.
 */
class ApiCredentialConverterTests {

	private final ApiCredentialConverter converter = new ApiCredentialConverter();

	@Test
	void convertWhenBearerInAnyCaseThenATokenFromTheHeader() {
		MockHttpServletRequest request = request();
		request.addHeader(HttpHeaders.AUTHORIZATION, "  bEaReR   gpat_value  ");
		request.addHeader(HttpHeaders.USER_AGENT, "curl/8");

		assertThat(this.converter.convert(request)).singleElement()
			.isInstanceOfSatisfying(TokenCredential.class, (token) -> {
				assertThat(token.value()).isEqualTo("gpat_value");
				assertThat(token.carrier()).isEqualTo(TokenCarrier.BEARER);
				assertThat(token.address()).isEqualTo("192.0.2.1");
				assertThat(token.client()).isEqualTo("curl/8");
			});
	}

	@Test
	void convertWhenBasicWithLoginThenAPasswordCredential() {
		MockHttpServletRequest request = request();
		request.addHeader(HttpHeaders.AUTHORIZATION, basic("ann:secret:with:colons"));

		assertThat(this.converter.convert(request)).singleElement()
			.isInstanceOfSatisfying(BasicCredential.class, (password) -> {
				assertThat(password.getName()).isEqualTo("ann");
				assertThat(password.getCredentials()).isEqualTo("secret:with:colons");
			});
	}

	@Test
	void convertWhenBasicWithEmptyUserThenATokenCarriedAsBasicPassword() {
		MockHttpServletRequest request = request();
		request.addHeader(HttpHeaders.AUTHORIZATION, basic(":gpat_value"));

		assertThat(this.converter.convert(request)).singleElement()
			.isInstanceOfSatisfying(TokenCredential.class, (token) -> {
				assertThat(token.value()).isEqualTo("gpat_value");
				assertThat(token.carrier()).isEqualTo(TokenCarrier.BASIC_PASSWORD);
			});
	}

	@Test
	void convertWhenTokenParametersRepeatedThenEveryValueWithItsCarrier() {
		MockHttpServletRequest request = request();
		request.addParameter("token", "gsvc_one", " gsvc_two ");
		request.addParameter("access_token", "gpat_three");

		List<Authentication> credentials = this.converter.convert(request);

		assertThat(credentials).hasSize(3)
			.allSatisfy((credential) -> assertThat(credential).isInstanceOf(TokenCredential.class));
		assertThat(credentials).extracting((credential) -> ((TokenCredential) credential).value())
			.containsExactly("gsvc_one", "gsvc_two", "gpat_three");
		assertThat(credentials).extracting((credential) -> ((TokenCredential) credential).carrier())
			.containsExactly(TokenCarrier.TOKEN_PARAMETER, TokenCarrier.TOKEN_PARAMETER,
					TokenCarrier.ACCESS_TOKEN_PARAMETER);
	}

	@Test
	void convertWhenHeaderAndParameterThenBothHeaderFirst() {
		MockHttpServletRequest request = request();
		request.addHeader(HttpHeaders.AUTHORIZATION, basic("ann:secret"));
		request.addParameter("access_token", "gpat_value");

		assertThat(this.converter.convert(request)).hasSize(2)
			.satisfiesExactly((first) -> assertThat(first).isInstanceOf(BasicCredential.class),
					(second) -> assertThat(second).isInstanceOf(TokenCredential.class));
	}

	@Test
	void convertWhenBasicMalformedThenANullElement() {
		for (String malformed : new String[] { "Basic !!!not-base64", "Basic " + encode("no-colon") }) {
			MockHttpServletRequest request = request();
			request.addHeader(HttpHeaders.AUTHORIZATION, malformed);

			assertThat(this.converter.convert(request)).as(malformed).containsExactly((Authentication) null);
		}
	}

	@Test
	void convertWhenAnotherSchemeThenNoCredentialButAnInvalidOne() {
		MockHttpServletRequest request = request();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Digest username=\"ann\"");
		request.addParameter("access_token", "gpat_value");

		// Counted like a malformed header, so a valid credential beside it still decides.
		assertThat(this.converter.convert(request)).hasSize(2)
			.satisfiesExactly((first) -> assertThat(first).isNull(),
					(second) -> assertThat(second).isInstanceOf(TokenCredential.class));
	}

	@Test
	void convertWhenNothingCarriedThenNoCredentials() {
		assertThat(this.converter.convert(request())).isEmpty();
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/Users/LoggedUser");
		request.setRemoteAddr("192.0.2.1");
		return request;
	}

	private static String basic(String userAndPassword) {
		return "Basic " + encode(userAndPassword);
	}

	private static String encode(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
