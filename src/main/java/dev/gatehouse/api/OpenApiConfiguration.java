package dev.gatehouse.api;

import java.math.BigDecimal;
import java.util.Arrays;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.DatabaseOutage;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI description served at {@code /v3/api-docs}: springdoc derives the paths
 * from the controllers; this adds what it cannot see.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// The authenticated caller is no request parameter: it comes from the
		// credentials.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	/**
	 * A collection's {@link CollectionParameters} are five query parameters, not one
	 * object.
	 */
	@Bean
	OperationCustomizer collectionParameters() {
		return (operation, handler) -> {
			boolean collection = Arrays.stream(handler.getMethodParameters())
				.anyMatch((parameter) -> parameter.getParameterType() == CollectionParameters.class);
			if (collection && operation.getParameters() != null) {
				operation.getParameters().removeIf((parameter) -> "parameters".equals(parameter.getName()));
				operation
					.addParametersItem(query("take", new IntegerSchema()._default(CollectionParameters.DEFAULT_TAKE)
						.maximum(BigDecimal.valueOf(CollectionParameters.MAX_TAKE)), "Items per page"));
				operation.addParametersItem(query("skip", new IntegerSchema()._default(0), "Items to skip"));
				operation.addParametersItem(query("where", new StringSchema(),
						"A filter, e.g. (Name contains 'ci') and (CreateDate gte '2026-01-01'); see docs/api.md"));
				operation.addParametersItem(
						query("orderBy", new ArraySchema().items(new StringSchema()), "Fields to sort by, ascending"));
				operation.addParametersItem(query("orderByDesc", new ArraySchema().items(new StringSchema()),
						"Fields to sort by, descending"));
			}
			return operation;
		};
	}

	/**
	 * Any operation may meet a database outage: 503 with {@code Retry-After}
	 * (docs/reliability.md).
	 */
	@Bean
	OperationCustomizer databaseOutage() {
		return (operation, handler) -> {
			if (operation.getResponses() != null) {
				operation.getResponses()
					.addApiResponse("503",
							new ApiResponse().description(DatabaseOutage.MESSAGE)
								.addHeaderObject(HttpHeaders.RETRY_AFTER,
										new Header().description("Seconds to wait before trying again")
											.schema(new IntegerSchema()._default(DatabaseOutage.RETRY_AFTER_SECONDS))));
			}
			return operation;
		};
	}

	private static Parameter query(String name, Schema<?> schema, String description) {
		return new Parameter().in("query").name(name).required(false).schema(schema).description(description);
	}

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
							.description("A personal access token (gpat_…), also accepted as ?access_token= or as"
									+ " the password of Basic with an empty user name; or a project access token"
									+ " (gprj_…), which only uploads snapshots to its project"))
				.addSecuritySchemes("accessToken",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.QUERY)
							.name("access_token")
							.description("A personal access token (gpat_…)"))
				.addSecuritySchemes("serviceToken",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.QUERY)
							.name("token")
							.description("A service token (gsvc_…) from GET /api/v1/Authentication, which needs"
									+ " a session or the password"))
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
