package dev.gatehouse.system;

import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement counter behind {@code gatehouse_jdbc_statements_total}.
 */
class DatabaseStatementsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private DatabaseStatements.StatementCounter counter;

	@Test
	void statementsWhenARequestReadsTheDatabaseThenCountedAndPublishedByKind() {
		long before = this.counter.total();

		assertThat(admin().get("/api/v1/Projects").status()).isEqualTo(200);

		assertThat(this.counter.total()).isGreaterThan(before);
		ApiResponse metrics = admin().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body().lines().filter((line) -> line.startsWith("gatehouse_jdbc_statements_total{")))
			.anyMatch((line) -> line.contains("kind=\"select\""))
			.anyMatch((line) -> line.contains("kind=\"update\""));
	}

}
