package dev.gatehouse.authentication;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rest of the application sees of a query string: every {@code token} and
 * {@code access_token} parameter gone, however its name is written, and anything else
 * untouched (the same request, not a copy, when there is nothing to hide).
 */
class TokenParameterHidingFilterTests {

	private final TokenParameterHidingFilter filter = new TokenParameterHidingFilter();

	@Test
	void queryWhenItCannotNameATokenThenTheRequestPassesAsItIs() throws Exception {
		MockHttpServletRequest request = request("format=json&take=5");

		HttpServletRequest seen = filtered(request);

		assertThat(seen).isSameAs(request);
		assertThat(seen.getQueryString()).isEqualTo("format=json&take=5");
	}

	@Test
	void queryWhenTokenParametersInAnyCaseOrEncodingThenTheyAreHidden() throws Exception {
		assertThat(filtered(request("format=json&access_token=gpat_x")).getQueryString()).isEqualTo("format=json");
		assertThat(filtered(request("ToKeN=gst_x&take=1")).getQueryString()).isEqualTo("take=1");
		assertThat(filtered(request("%74oken=gst_x&take=1")).getQueryString()).isEqualTo("take=1");
		assertThat(filtered(request("access%5Ftoken=gpat_x")).getQueryString()).isNull();
	}

	@Test
	void queryWhenTokenAppearsOnlyInAValueThenNothingIsHidden() throws Exception {
		assertThat(filtered(request("where=(Name%20eq%20'token')")).getQueryString())
			.isEqualTo("where=(Name%20eq%20'token')");
	}

	private HttpServletRequest filtered(MockHttpServletRequest request) throws ServletException, IOException {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		return (HttpServletRequest) chain.getRequest();
	}

	private static MockHttpServletRequest request(String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/Users");
		request.setQueryString(query);
		return request;
	}

}
