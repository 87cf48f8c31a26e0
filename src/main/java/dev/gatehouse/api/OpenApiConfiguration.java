package dev.gatehouse.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs}: springdoc derives the paths
 * from the controllers; this adds what it cannot see.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI gatehouseOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Gatehouse REST API v1")
				.version("v1")
				.description("Targetprocess-style REST API: XML by default, JSON with format=json or "
						+ "Accept: application/json; collections take take, skip, where, orderBy and orderByDesc; "
						+ "errors are {Status, Message}. See docs/api.md."))
			.components(new Components()
				.addSecuritySchemes("basic",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("Login and password; refused while the login form is disabled"))
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("A personal access token (gpat_…); also accepted as ?access_token= or as"
									+ " the password of Basic with an empty user name"))
				.addSecuritySchemes("accessToken",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.QUERY)
							.name("access_token")
							.description("A personal access token (gpat_…)"))
				.addSecuritySchemes("serviceToken",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.QUERY)
							.name("token")
							.description("A service token from GET /api/v1/Authentication (gsvc_…)"))
				.addSecuritySchemes("session",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name("SESSION")
							.description("The page session; state-changing requests also need X-CSRF-TOKEN")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.addSecurityItem(new SecurityRequirement().addList("accessToken"))
			.addSecurityItem(new SecurityRequirement().addList("serviceToken"))
			.addSecurityItem(new SecurityRequirement().addList("basic"))
			.addSecurityItem(new SecurityRequirement().addList("session"));
	}

}
