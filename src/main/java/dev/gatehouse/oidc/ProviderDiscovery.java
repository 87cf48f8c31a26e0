package dev.gatehouse.oidc;

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
public class ProviderDiscovery {

	private static final String[] SIGN_IN_ENDPOINTS = { "authorization_endpoint", "token_endpoint", "jwks_uri" };

	private static final int MAX_DOCUMENT = 100_000;

	private final RestClient http;

	private final JsonMapper json;

	private final IssuerAddresses addresses;

	ProviderDiscovery(JsonMapper json, IssuerAddresses addresses) {
		this.addresses = addresses;
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
	public Discovered discover(String issuer) {
		return discover(issuer, SIGN_IN_ENDPOINTS);
	}

	/**
	 * Where the issuer publishes the keys its tokens are signed with: enough for an
	 * issuer that signs tokens but signs nobody in, like a CI system's.
	 * @param issuer the issuer URL, checked by {@link #checkedIssuer(String)}
	 * @return the {@code jwks_uri} of its discovery document
	 * @throws InvalidRequestException when it cannot be read or names another issuer
	 */
	public String keysLocation(String issuer) {
		return (String) discover(issuer, new String[] { "jwks_uri" }).metadata().get("jwks_uri");
	}

	/**
	 * An issuer URL an administrator may trust ({@link IssuerAddresses}).
	 * @param value the URL as entered
	 * @return the same URL
	 * @throws InvalidRequestException if it is none, or not allowed
	 */
	public String checkedIssuer(String value) {
		return this.addresses.checkedIssuer(value);
	}

	private Discovered discover(String issuer, String[] required) {
		URI location = URI
			.create(stripSlash(this.addresses.checkedIssuer(issuer)) + "/.well-known/openid-configuration");
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
		for (String name : required) {
			if (!(metadata.get(name) instanceof String)) {
				throw new InvalidRequestException("The provider's discovery document has no " + name);
			}
		}
		// Anyone can make Gatehouse fetch these keys, by presenting a token of this
		// issuer.
		this.addresses.checkedKeysLocation((String) metadata.get("jwks_uri"));
		return new Discovered(document, metadata);
	}

	/**
	 * A stored discovery document, read again.
	 * @param document the document
	 * @return its fields
	 */
	public Map<String, Object> parse(String document) {
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

	/**
	 * A discovery document as read, and its fields.
	 *
	 * @param document the document, to store
	 * @param metadata its fields
	 */
	public record Discovered(String document, Map<String, Object> metadata) {
	}

}
