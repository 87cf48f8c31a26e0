package dev.gatehouse.startup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §9.2, on a database of its own: the first start creates {@code admin} with a
 * generated password printed once, and {@code GATEHOUSE_DEMO=true} loads the demo
 * organisation.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gatehouse.admin-password=", "gatehouse.demo=true", "spring.threads.virtual.enabled=false" })
class FirstStartIntegrationTests {

	private static final Pattern GENERATED = Pattern.compile("generated password:\\s+(\\S+)");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void freshDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:mem:first-start-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
	}

	@Test
	void firstStartWhenNoPasswordConfiguredThenGeneratedPasswordPrintedOnceAndWorks(CapturedOutput output) {
		Matcher generated = GENERATED.matcher(output.getAll());
		assertThat(generated.find()).as("the generated password is printed").isTrue();
		String password = generated.group(1);
		assertThat(generated.find()).as("and printed only once").isFalse();

		ApiResponse admin = new ApiClient(this.port).basic("admin", password).get("/api/v1/Users/LoggedUser");

		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.xpath("/User/IsAdministrator")).isEqualTo("true");
	}

	@Test
	void demoWhenEnabledThenOrganisationWithRestrictedMemberAndRequester() {
		ApiClient bob = new ApiClient(this.port).basic("bob", "gatehouse-demo").json();
		ApiClient rita = new ApiClient(this.port).basic("rita", "gatehouse-demo");

		assertThat(bob.get("/api/v1/Projects").json().get("Items")).hasSize(1);
		assertThat(bob.get("/api/v1/Projects/ZEUS").status()).isEqualTo(404);
		assertThat(bob.get("/api/v1/UserStories").json().get("Items")).isNotEmpty();
		assertThat(rita.get("/api/v1/Users/LoggedUser").status()).isEqualTo(403);
		ApiResponse ann = new ApiClient(this.port).basic("ann", "gatehouse-demo").json().get("/api/v1/Projects");
		assertThat(ann.json().get("Items")).hasSize(2);
		ApiClient annClient = new ApiClient(this.port).basic("ann", "gatehouse-demo").json();
		assertThat(annClient.get("/api/v1/Projects/APOLLO/AccessTokens").json().get("Items")).hasSize(3);
		assertThat(bob.get("/api/v1/Projects/APOLLO/Snapshots").json().get("Items")).hasSize(2);
		assertThat(bob.get("/api/v1/Projects/APOLLO/AccessTokens").status()).as("bob does not administer APOLLO")
			.isEqualTo(403);
	}

	@Test
	void openApiDescriptionWhenRequestedThenDescribesTheApi() {
		ApiResponse description = new ApiClient(this.port).get("/v3/api-docs");

		assertThat(description.status()).isEqualTo(200);
		assertThat(description.json().get("paths").has("/api/v1/Users/LoggedUser")).isTrue();
		assertThat(description.json().get("components").get("securitySchemes").has("basic")).isTrue();
		assertThat(description.json()
			.get("paths")
			.get("/api/v1/Projects")
			.get("get")
			.get("responses")
			.get("503")
			.get("headers")
			.has("Retry-After")).as("any operation may meet a database outage").isTrue();
		assertThat(new ApiClient(this.port).get("/swagger-ui/index.html").status()).isEqualTo(200);
		assertThat(new ApiClient(this.port).get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
	}

}
