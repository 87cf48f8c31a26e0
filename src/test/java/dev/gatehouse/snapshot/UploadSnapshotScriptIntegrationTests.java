package dev.gatehouse.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.UploadScript.Run;
import dev.gatehouse.UploadScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/upload_snapshot.py}, run as a CI job would run it, against the running
 * server: it uploads with a project token from the environment, and says clearly why an
 * upload was refused.
 */
class UploadSnapshotScriptIntegrationTests extends IntegrationTestSupport {

	private static final Path SCRIPT = Path.of("examples", "upload_snapshot.py");

	@TempDir
	Path work;

	private String key;

	private String token;

	@BeforeEach
	void projectWithToken() {
		UploadScript.requirePython();
		this.key = TestProjects.uniqueKey();
		assertThat(admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + this.key + "\", \"Name\": \"CI " + this.key + "\"}")
			.status()).isEqualTo(201);
		this.token = admin().json()
			.postJson(TestProjects.tokens(this.key),
					"{\"Name\": \"ci\", \"ExpirationDate\": \"" + today().plusDays(1) + "\"}")
			.json()
			.get("Token")
			.asString();
	}

	@Test
	void uploadWhenTokenValidThenStoredAndTokenStillRefusedElsewhere() throws Exception {
		Path file = file("analysis.json", "{\"issues\": 3}");

		Run run = run(this.token, this.key, file);

		assertThat(run.exit()).as(run.output()).isZero();
		assertThat(run.output()).contains("Uploaded snapshot").contains("SHA-256");
		var stored = admin().json().get(TestProjects.snapshots(this.key)).json().get("Items");
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0).get("FileName").asString()).isEqualTo("analysis.json");
		assertThat(stored.get(0).get("Version").asString()).isEqualTo("commit-abc123");
		assertThat(anonymous().bearer(this.token).get("/api/v1/Users/LoggedUser").status()).isEqualTo(403);
	}

	@Test
	void uploadWhenTokenExpiredThenUnauthorizedMessageAndFailure() throws Exception {
		try {
			this.clock.advance(Duration.ofDays(2));
			Run run = run(this.token, this.key, file("a.json", "{}"));

			assertThat(run.exit()).isEqualTo(1);
			assertThat(run.output()).contains("invalid, expired or deleted (401)");
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void uploadWhenOtherProjectOrTooLargeOrNoTokenThenClearMessageAndFailure() throws Exception {
		Run otherProject = run(this.token, "NOPE" + TestProjects.uniqueKey(), file("a.json", "{}"));
		assertThat(otherProject.exit()).isEqualTo(1);
		assertThat(otherProject.output()).contains("(403)");

		assertThat(admin().json().postJson("/api/v1/Settings", "{\"SnapshotMaxBytes\": 10}").status()).isEqualTo(200);
		try {
			Run tooLarge = run(this.token, this.key, file("big.json", "x".repeat(5000)));
			assertThat(tooLarge.exit()).isEqualTo(1);
			assertThat(tooLarge.output()).contains("(413)");
		}
		finally {
			admin().json().postJson("/api/v1/Settings", "{\"SnapshotMaxBytes\": " + 50L * 1024 * 1024 + "}");
		}

		Run noToken = run("", this.key, file("a.json", "{}"));
		assertThat(noToken.exit()).isEqualTo(2);
		assertThat(noToken.output()).contains("GATEHOUSE_PROJECT_TOKEN");
		assertThat(admin().json().get(TestProjects.snapshots(this.key)).json().get("Items")).isEmpty();
	}

	private Run run(String token, String project, Path file) throws IOException, InterruptedException {
		return UploadScript.run(this.work, List.of("--server", "http://localhost:" + this.port, "--project", project,
				"--version", "commit-abc123", file.toString()), Map.of("GATEHOUSE_PROJECT_TOKEN", token));
	}

	private Path file(String name, String content) throws IOException {
		return Files.writeString(this.work.resolve(name), content);
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
