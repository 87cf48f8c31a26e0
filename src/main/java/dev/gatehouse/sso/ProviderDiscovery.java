package dev.gatehouse.sso;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import dev.gatehouse.system.InvalidRequestException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads an OpenID provider's discovery document when an administrator saves it, so that a
 * sign-in never waits on the network for it, and checks that it names the issuer it was
 * asked for (OpenID Connect Discovery §4.3).
 */
@Component
class ProviderDiscovery {

	private static final int MAX_DOCUMENT = 100_000;

	private final RestClient http;

	private final JsonMapper json;

	ProviderDiscovery(JsonMapper json) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.http = RestClient.builder().requestFactory(requests).build();
		this.json = json;
	}

	/**
	 * The discovery document of the issuer.
	 * @param issuer the issuer URL, {@code https://} (or {@code http://} for a provider
	 * on this machine)
	 * @return the document as stored
	 * @throws InvalidRequestException when it cannot be read or names another issuer
	 */
	Discovered discover(String issuer) {
		URI location = URI.create(stripSlash(issuer) + "/.well-known/openid-configuration");
		String document;
		try {
			document = this.http.get().uri(location).retrieve().body(String.class);
		}
		catch (RestClientException | IllegalArgumentException ex) {
			throw new InvalidRequestException("Could not read the provider's discovery document at " + location + ": "
					+ ex.getClass().getSimpleName());
		}
		if (document == null || document.length() > MAX_DOCUMENT) {
			throw new InvalidRequestException("The provider's discovery document at " + location
					+ " is empty or larger than " + MAX_DOCUMENT + " characters");
		}
		Map<String, Object> metadata = parse(document);
		Object named = metadata.get("issuer");
		if (!issuer.equals(named)) {
			throw new InvalidRequestException(
					"The provider's discovery document names the issuer '" + named + "', not '" + issuer + "'");
		}
		for (String required : new String[] { "authorization_endpoint", "token_endpoint", "jwks_uri" }) {
			if (!(metadata.get(required) instanceof String)) {
				throw new InvalidRequestException("The provider's discovery document has no " + required);
			}
		}
		return new Discovered(document, metadata);
	}

	Map<String, Object> parse(String document) {
		try {
			return this.json.readValue(document, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			throw new InvalidRequestException("The provider's discovery document is not a JSON object");
		}
	}

	private static String stripSlash(String issuer) {
		return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
	}

	record Discovered(String document, Map<String, Object> metadata) {
	}

}
