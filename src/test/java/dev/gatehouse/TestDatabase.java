package dev.gatehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database the integration tests and the repository slices run on, chosen by the
 * system property {@code gatehouse.test.database} that each failsafe and surefire
 * execution sets: {@code h2} (the embedded default) or {@code postgresql}. For
 * PostgreSQL, {@code GATEHOUSE_TEST_DB_URL} (with {@code GATEHOUSE_TEST_DB_USER} and
 * {@code GATEHOUSE_TEST_DB_PASSWORD}) names an external server; otherwise a real
 * PostgreSQL 18 binary from Maven Central is started once per test JVM.
 */
public final class TestDatabase {

	private static EmbeddedPostgres embedded;

	private TestDatabase() {
	}

	public static String name() {
		return System.getProperty("gatehouse.test.database", "h2").toLowerCase(Locale.ROOT);
	}

	public static void register(DynamicPropertyRegistry registry) {
		if (!name().equals("postgresql")) {
			registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-test;DB_CLOSE_DELAY=-1");
			registry.add("spring.datasource.username", () -> "gatehouse");
			registry.add("spring.datasource.password", () -> "");
			return;
		}
		String external = System.getenv("GATEHOUSE_TEST_DB_URL");
		if (external != null && !external.isBlank()) {
			registry.add("spring.datasource.url", () -> external);
			registry.add("spring.datasource.username", () -> System.getenv("GATEHOUSE_TEST_DB_USER"));
			registry.add("spring.datasource.password", () -> System.getenv("GATEHOUSE_TEST_DB_PASSWORD"));
			return;
		}
		EmbeddedPostgres postgres = embeddedPostgres();
		registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	private static synchronized EmbeddedPostgres embeddedPostgres() {
		if (embedded == null) {
			try {
				// Stopped by zonky's own shutdown hook when the test JVM exits.
				embedded = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
			}
		}
		return embedded;
	}

}
