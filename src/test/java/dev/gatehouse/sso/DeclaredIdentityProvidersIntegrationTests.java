package dev.gatehouse.sso;

import java.util.List;

import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.sso.IdentityProviderService.NewIdentityProvider;
import dev.gatehouse.system.InvalidRequestException;
import openid.TestOpenIdProvider;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Identity providers configured as code: {@code GATEHOUSE_SSO_PROVIDERS} declares a
 * provider of a real OpenID provider, which is there when the server has started, on the
 * login page, and cannot be removed on the API; declaring it again with a change updates
 * it in place, declaring it no more removes it, and an invalid declaration changes
 * nothing and never echoes the secret.
 */
class DeclaredIdentityProvidersIntegrationTests extends IntegrationTestSupport {

	private static final String REGISTRATION_ID = unique("declared").toLowerCase();

	private static TestOpenIdProvider.Running provider;

	@Autowired
	private IdentityProviderService providers;

	@Autowired
	private JsonMapper json;

	@DynamicPropertySource
	static void declaredProviders(DynamicPropertyRegistry properties) {
		provider = TestOpenIdProvider.shared();
		provider.addClient("gatehouse-declared", "declared-secret", "/login/oauth2/code/" + REGISTRATION_ID);
		properties.add("gatehouse.sso.providers", () -> declaration("Declared provider", "declared-secret"));
	}

	@Test
	void startWhenDeclaredThenProviderThereOnTheLoginPageAndNotRemovable() {
		JsonNode declared = declared().orElseThrow();

		assertThat(declared.get("Configured").asBoolean()).isTrue();
		assertThat(declared.get("Issuer").asString()).isEqualTo(provider.issuer());
		assertThat(declared.get("RoleClaim").asString()).isEqualTo("groups");
		assertThat(declared.toString()).doesNotContain("declared-secret");
		assertThat(anonymous().get("/login").body()).contains("Sign in with Declared provider");
		ApiResponse removal = admin().json()
			.delete("/api/v1/Settings/IdentityProviders/" + declared.get("Id").asLong());
		assertThat(removal.status()).isEqualTo(400);
		assertThat(removal.json().get("Message").asString()).contains("GATEHOUSE_SSO_PROVIDERS");
	}

	@Test
	void declarationWhenChangedThenUpdatedInPlaceAndWhenGoneThenRemovedAndWhenInvalidThenNothingChanges() {
		long id = declared().orElseThrow().get("Id").asLong();
		try {
			this.providers.applyConfiguration(
					DeclaredIdentityProviders.parse(this.json, declaration("Renamed provider", "declared-secret")));
			assertThat(declared().orElseThrow().get("Id").asLong()).isEqualTo(id);
			assertThat(declared().orElseThrow().get("DisplayName").asString()).isEqualTo("Renamed provider");

			assertThatExceptionOfType(InvalidRequestException.class)
				.isThrownBy(() -> this.providers.applyConfiguration(List
					.of(new NewIdentityProvider("No id", provider.issuer(), "c", "leaked-secret", null, false, true))))
				.withMessageContaining("needs a RegistrationId")
				.withMessageNotContaining("leaked-secret");
			assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(
					() -> DeclaredIdentityProviders.parse(this.json, "[{\"ClientSecret\": \"leaked-secret\", oops}]"))
				.withMessageContaining("not a JSON array")
				.withMessageNotContaining("leaked-secret");
			assertThat(declared()).isPresent();

			String pageAdded = unique("page").toLowerCase();
			provider.addClient("gatehouse-" + pageAdded, "page-secret", "/login/oauth2/code/" + pageAdded);
			assertThat(admin().json()
				.postJson("/api/v1/Settings/IdentityProviders",
						"{\"DisplayName\": \"Added on the page\", \"Issuer\": \"" + provider.issuer()
								+ "\", \"ClientId\": \"gatehouse-" + pageAdded
								+ "\", \"ClientSecret\": \"page-secret\", \"RegistrationId\": \"" + pageAdded + "\"}")
				.status()).isEqualTo(201);
			assertThatExceptionOfType(InvalidRequestException.class)
				.isThrownBy(() -> this.providers.applyConfiguration(List
					.of(new NewIdentityProvider("Taken over", provider.issuer(), "c", "s", pageAdded, false, true))))
				.withMessageContaining("added on the page");

			this.providers.applyConfiguration(List.of());
			assertThat(declared()).isEmpty();
		}
		finally {
			this.providers.applyConfiguration(
					DeclaredIdentityProviders.parse(this.json, declaration("Declared provider", "declared-secret")));
		}
	}

	private java.util.Optional<JsonNode> declared() {
		JsonNode items = admin().json().get("/api/v1/Settings/IdentityProviders").json().get("Items");
		for (JsonNode item : items) {
			if (REGISTRATION_ID.equals(item.get("RegistrationId").asString())) {
				return java.util.Optional.of(item);
			}
		}
		return java.util.Optional.empty();
	}

	private static String declaration(String displayName, String secret) {
		return "[{\"RegistrationId\": \"" + REGISTRATION_ID + "\", \"DisplayName\": \"" + displayName
				+ "\", \"Issuer\": \"" + provider.issuer() + "\", \"ClientId\": \"gatehouse-declared\","
				+ " \"ClientSecret\": \"" + secret + "\", \"RoleClaim\": \"groups\","
				+ " \"AdministratorValues\": [\"gatehouse-admins\"]}]";
	}

}
