package dev.gatehouse.authentication;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The pages' Content Security Policy. Forms post only to Gatehouse, with one exception: a
 * session signed in through an identity provider may follow the sign-out form to that
 * provider's end-session endpoint (browsers apply {@code form-action} to the redirect a
 * form's answer makes), and to no other.
 */
final class PageContentPolicy implements HeaderWriter {

	private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
			+ " script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	private final ClientRegistrationRepository identityProviders;

	PageContentPolicy(ClientRegistrationRepository identityProviders) {
		this.identityProviders = identityProviders;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader("Content-Security-Policy")) {
			response.setHeader("Content-Security-Policy",
					signOutOrigin().map((origin) -> POLICY + " " + origin).orElse(POLICY));
		}
	}

	private Optional<String> signOutOrigin() {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication caller)) {
			return Optional.empty();
		}
		return caller.provider()
			.map((provider) -> this.identityProviders.findByRegistrationId(provider.registrationId()))
			.map(ClientRegistration::getProviderDetails)
			.map((details) -> details.getConfigurationMetadata().get("end_session_endpoint"))
			.filter(String.class::isInstance)
			.flatMap((endpoint) -> origin((String) endpoint));
	}

	private static Optional<String> origin(String endpoint) {
		try {
			URI uri = URI.create(endpoint);
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				return Optional.empty();
			}
			return Optional
				.of(uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() < 0) ? "" : ":" + uri.getPort()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
