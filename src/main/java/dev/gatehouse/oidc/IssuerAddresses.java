package dev.gatehouse.oidc;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.LocalAddresses;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which addresses Gatehouse fetches an issuer's discovery document and keys from: https
 * on a public address. An administrator (or, for a trusted CI identity, a project
 * administrator) names the issuer, and anyone can then make Gatehouse fetch its keys by
 * presenting a token that names it; without this policy that would reach the cloud
 * metadata service, the database's host or a file. A provider on this machine or the
 * local network (plain http on {@code localhost} included), as when trying Gatehouse out
 * or in the tests, needs {@code GATEHOUSE_ALLOW_LOCAL_ISSUERS=true}. Checked when an
 * issuer is saved and again at every fetch, where redirects are not followed.
 */
@Component
public class IssuerAddresses {

	private static final int MAX_ADDRESS = 2000;

	private final boolean allowLocal;

	IssuerAddresses(@Value("${gatehouse.oidc.allow-local-issuers:false}") boolean allowLocal) {
		this.allowLocal = allowLocal;
	}

	/**
	 * An issuer URL an administrator may trust.
	 * @param value the URL as entered
	 * @return the same URL
	 * @throws InvalidRequestException if it is none, or not allowed
	 */
	public String checkedIssuer(String value) {
		return checked("Issuer", value);
	}

	/**
	 * A key set address from a discovery document, as allowed as an issuer.
	 * @param value the {@code jwks_uri}
	 * @return the same address
	 * @throws InvalidRequestException if it is not allowed
	 */
	public String checkedKeysLocation(String value) {
		return checked("The provider's jwks_uri", value);
	}

	/**
	 * A key fetcher that keeps to this policy: it checks the address of every fetch (its
	 * host may have come to resolve elsewhere since it was saved), follows no redirect
	 * and reads no file.
	 * @param timeoutMillis connect and read timeout
	 * @param sizeLimit the largest key set read
	 * @return the fetcher
	 */
	DefaultResourceRetriever retriever(int timeoutMillis, int sizeLimit) {
		return new DefaultResourceRetriever(timeoutMillis, timeoutMillis, sizeLimit) {

			@Override
			protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
				try {
					checked("jwks_uri", url.toString());
				}
				catch (InvalidRequestException ex) {
					throw new IOException(ex.getMessage());
				}
				HttpURLConnection connection = super.openHTTPConnection(url);
				connection.setInstanceFollowRedirects(false);
				return connection;
			}

			@Override
			protected java.net.URLConnection openFileConnection(URL url) throws IOException {
				throw new IOException("Keys are never read from a file");
			}

		};
	}

	private String checked(String field, String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new InvalidRequestException(field + " must be a URL such as https://login.example.com");
		}
		String host = uri.getHost();
		if (value.length() > MAX_ADDRESS || host == null || uri.getQuery() != null || uri.getFragment() != null
				|| uri.getUserInfo() != null
				|| !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && this.allowLocal))) {
			throw new InvalidRequestException(
					field + " must be an https URL without query or fragment" + (this.allowLocal ? " (or http)" : ""));
		}
		if (!this.allowLocal && LocalAddresses.isLocal(host)) {
			throw new InvalidRequestException(field + " names a host on this machine or the local network; set"
					+ " GATEHOUSE_ALLOW_LOCAL_ISSUERS=true to trust one");
		}
		return value;
	}

}
