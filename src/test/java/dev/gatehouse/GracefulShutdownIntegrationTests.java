package dev.gatehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.token.TokenFormat;
import dev.gatehouse.token.TokenKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SIGTERM, as an orchestrator or {@code systemctl stop} sends it, to the packaged server
 * run as its own process (issue 15): an upload in flight finishes and is stored whole,
 * the last uses and refusals counted in memory are written, and the spool directory is
 * left empty. The server runs on an H2 file the test reads afterwards, so this runs in
 * the H2 pass.
 */
class GracefulShutdownIntegrationTests extends IntegrationTestSupport {

	/** How long the upload keeps sending after the signal. */
	private static final Duration UPLOAD_AFTER_SIGNAL = Duration.ofSeconds(3);

	@Autowired
	private TokenFormat format;

	@TempDir
	private Path directory;

	@Test
	void sigtermWhenAnUploadIsInFlightThenItFinishesEveryBatchIsWrittenAndNoSpoolFileRemains() throws Exception {
		assumeTrue(TestDatabase.name().equals("h2"), "The process runs on an H2 file; once is enough");
		Path spool = Files.createDirectories(this.directory.resolve("spool"));
		String database = "jdbc:h2:file:" + this.directory.resolve("gatehouse").toAbsolutePath();
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-jar", packagedJar().toString(), "--server.port=" + port,
				"--server.forward-headers-strategy=native", "--gatehouse.tokens.last-use-flush-interval=1h",
				"--gatehouse.audit.flush-interval=1h");
		builder.environment()
			.putAll(Map.of("GATEHOUSE_DB_URL", database, "GATEHOUSE_ADMIN_PASSWORD", ADMIN_PASSWORD,
					"GATEHOUSE_SNAPSHOT_SPOOL_DIR", spool.toString()));
		Path log = this.directory.resolve("server.log");
		Process server = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			awaitReady(server, port, log);
			ApiClient admin = new ApiClient(port).basic("admin", ADMIN_PASSWORD);
			TestUser user = TestUsers.user(admin, "shutdown");
			String token = TestProjects.personalToken(user.client(new ApiClient(port)), "{\"Name\": \"in memory\"}");
			assertThat(new ApiClient(port).bearer(token).get("/api/v1/Users/LoggedUser").status()).isEqualTo(200);
			ApiClient attacker = new ApiClient(port);
			int refusals = 5;
			for (int i = 0; i < refusals; i++) {
				assertThat(attacker.bearer(this.format.generate(TokenKind.PERSONAL))
					.get("/api/v1/Users/LoggedUser")
					.status()).isEqualTo(401);
			}
			String key = TestProjects.project(admin);
			byte[] content = new byte[1024 * 1024];
			new java.util.Random(15).nextBytes(content);
			CountDownLatch signalled = new CountDownLatch(1);
			HttpRequest upload = HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + TestProjects.snapshots(key) + "?version=1.0"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/octet-stream")
				.header("Accept", "application/json")
				.POST(BodyPublishers.ofInputStream(() -> new SlowBody(content, signalled)))
				.build();
			CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
				.sendAsync(upload, BodyHandlers.ofString());
			awaitFile(spool);

			server.destroy();
			signalled.countDown();

			HttpResponse<String> uploaded = answer.get(60, TimeUnit.SECONDS);
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			assertThat(uploaded.body()).contains(sha256(content));
			assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
			assertThat(Files.readString(log)).contains("Graceful shutdown complete");
			try (Stream<Path> left = Files.list(spool)) {
				assertThat(left).as("spool files left").isEmpty();
			}
			JdbcClient stored = JdbcClient.create(new DriverManagerDataSource(database, "gatehouse", ""));
			assertThat(stored
				.sql("select s.sha256 from snapshots s join projects p on p.id = s.project_id"
						+ " where p.project_key = ?")
				.param(key)
				.query(String.class)
				.list()).containsExactly(sha256(content));
			assertThat(stored.sql("select last_used_date from personal_access_tokens where user_id = ?")
				.param(user.id())
				.query(java.time.OffsetDateTime.class)
				.optional()).as("the last use kept in memory").isPresent();
			assertThat(stored
				.sql("select sum(occurrences) from audit_events where action = 'TOKEN_REFUSED'" + " and address = ?")
				.param(attacker.address())
				.query(Long.class)
				.single()).as("the refusals counted in memory").isEqualTo(refusals);
		}
		finally {
			server.destroyForcibly();
		}
	}

	private static void awaitReady(Process server, int port, Path log) throws Exception {
		ApiClient probe = new ApiClient(port);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(server.isAlive()).as("the server stopped while starting:%n%s", Files.readString(log)).isTrue();
			try {
				if (probe.get("/actuator/health/readiness").status() == 200) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The server did not start:\n" + Files.readString(log));
	}

	private static void awaitFile(Path directory) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			try (Stream<Path> files = Files.list(directory)) {
				if (files.findAny().isPresent()) {
					return;
				}
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The upload never reached the spool directory");
	}

	private static String sha256(byte[] content) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	/**
	 * An upload body: a quarter at once, the rest only after the signal, over a few
	 * seconds, so that the request is in flight when the server is told to stop.
	 */
	private static final class SlowBody extends InputStream {

		private static final int CHUNK = 64 * 1024;

		private final byte[] content;

		private final CountDownLatch signalled;

		private int position;

		SlowBody(byte[] content, CountDownLatch signalled) {
			this.content = content;
			this.signalled = signalled;
		}

		@Override
		public int read() {
			throw new UnsupportedOperationException("read in chunks");
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.position >= this.content.length) {
				return -1;
			}
			if (this.position >= this.content.length / 4) {
				try {
					this.signalled.await(60, TimeUnit.SECONDS);
					Thread.sleep(UPLOAD_AFTER_SIGNAL.toMillis() / ((this.content.length * 3 / 4) / CHUNK));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
			int count = Math.min(Math.min(length, CHUNK), this.content.length - this.position);
			System.arraycopy(this.content, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("gatehouse-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Run after the package phase: no target/gatehouse-*.jar"));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket free = new ServerSocket(0)) {
			return free.getLocalPort();
		}
	}

}
