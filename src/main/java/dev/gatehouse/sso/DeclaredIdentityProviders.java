package dev.gatehouse.sso;

import java.util.List;

import dev.gatehouse.system.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Identity providers configured as code: {@code GATEHOUSE_SSO_PROVIDERS} (the property
 * {@code gatehouse.sso.providers}) holds a JSON array of providers in the fields of
 * {@code POST /api/v1/Settings/IdentityProviders}, each with its {@code RegistrationId}.
 * Applied at every start; a malformed or invalid declaration stops the start with a
 * message that names the field, never the secret.
 */
@Component
class DeclaredIdentityProviders implements ApplicationRunner {

	private static final TypeReference<List<IdentityProviderWrite>> PROVIDERS = new TypeReference<>() {
	};

	private final IdentityProviderService providers;

	private final JsonMapper json;

	private final String declaration;

	DeclaredIdentityProviders(IdentityProviderService providers, JsonMapper json,
			@Value("${gatehouse.sso.providers:}") String declaration) {
		this.providers = providers;
		this.json = json;
		this.declaration = declaration;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (this.declaration.isBlank()) {
			// Not configured as code: whatever the pages and the API keep.
			return;
		}
		try {
			this.providers.applyConfiguration(parse(this.json, this.declaration));
		}
		catch (InvalidRequestException ex) {
			throw new IllegalStateException("GATEHOUSE_SSO_PROVIDERS: " + ex.getMessage());
		}
	}

	/**
	 * The declared providers.
	 * @throws InvalidRequestException if it is not a JSON array of providers
	 */
	static List<IdentityProviderService.NewIdentityProvider> parse(JsonMapper json, String declaration) {
		List<IdentityProviderWrite> declared;
		try {
			declared = json.readValue(declaration, PROVIDERS);
		}
		catch (JacksonException ex) {
			// The parser's message could quote the text, secret included.
			String where = (ex.getLocation() != null)
					? " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")"
					: "";
			throw new InvalidRequestException("not a JSON array of providers with the fields of POST"
					+ " /api/v1/Settings/IdentityProviders" + where);
		}
		if (declared == null || declared.contains(null)) {
			throw new InvalidRequestException("not a JSON array of providers");
		}
		return declared.stream().map(IdentityProviderWrite::toRequest).toList();
	}

}
