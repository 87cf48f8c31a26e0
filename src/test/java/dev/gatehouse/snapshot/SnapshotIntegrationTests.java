package dev.gatehouse.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.gatehouse.TestProjects.snapshots;
import static dev.gatehouse.TestProjects.tokens;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots (SPEC §1, §10): uploaded as multipart or as a raw body, stored whole or not
 * at all, within the size limit; listed and downloaded by the project's members.
 */
class SnapshotIntegrationTests extends IntegrationTestSupport {

	@Test
	void uploadWhenMultipartThenStoredAndDownloadedByteForByte() throws Exception {
		String key = createProject();
		byte[] content = randomBytes(3 * 1024 * 1024 + 17);

		ApiResponse uploaded = admin().json()
			.postMultipart(snapshots(key), Map.of("version", "1.4.2+abc123"), "file", "results.sarif", content);

		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		JsonNode snapshot = uploaded.json();
		assertThat(snapshot.get("Version").asString()).isEqualTo("1.4.2+abc123");
		assertThat(snapshot.get("Size").asLong()).isEqualTo(content.length);
		assertThat(snapshot.get("Sha256").asString()).isEqualTo(sha256(content));
		assertThat(snapshot.get("FileName").asString()).isEqualTo("results.sarif");
		assertThat(snapshot.get("UploadedBy").get("Name").asString()).isEqualTo("admin");
		assertThat(snapshot.get("UploadDate").asString()).endsWith("Z");
		long id = snapshot.get("Id").asLong();
		assertThat(admin().download(snapshots(key) + "/" + id + "/content")).isEqualTo(content);
		assertNoSpoolFileLeft();
		assertThat(admin().json().get(snapshots(key)).json().get("Items").get(0).get("Id").asLong()).isEqualTo(id);
	}

	@Test
	void uploadWhenRawBodyOrStreamedWithoutLengthThenStored() {
		String key = createProject();
		byte[] content = randomBytes(70_000);

		ApiResponse raw = admin().json()
			.postBytes(snapshots(key) + "?version=2.0&fileName=report.json", "application/octet-stream", content);
		ApiResponse streamed = admin().json()
			.postStream(snapshots(key) + "?version=2.1", "application/octet-stream", content);

		assertThat(raw.status()).as(raw.body()).isEqualTo(201);
		assertThat(raw.json().get("FileName").asString()).isEqualTo("report.json");
		assertThat(streamed.status()).as(streamed.body()).isEqualTo(201);
		assertThat(streamed.json().get("Sha256").asString()).isEqualTo(sha256(content));
		assertThat(admin().json().get(snapshots(key)).json().get("Items")).hasSize(2);
	}

	@Test
	void uploadWhenOverTheLimitThenContentTooLargeAndNothingStored() {
		String key = createProject();
		setSnapshotLimit(1000);
		try {
			byte[] tooLarge = randomBytes(1001);
			ApiResponse raw = admin().json()
				.postBytes(snapshots(key) + "?version=1", "application/octet-stream", tooLarge);
			ApiResponse streamed = admin().json()
				.postStream(snapshots(key) + "?version=1", "application/octet-stream", tooLarge);
			ApiResponse multipart = admin().json()
				.postMultipart(snapshots(key), Map.of("version", "1"), "file", "big.bin", randomBytes(5000));
			ApiResponse multipartByOne = admin().json()
				.postMultipart(snapshots(key), Map.of("version", "1"), "file", "big.bin", randomBytes(1001));
			ApiResponse multipartAtLimit = admin().json()
				.postMultipart(snapshots(key), Map.of("version", "1"), "file", "big.bin", randomBytes(1000));

			assertThat(raw.status()).isEqualTo(413);
			assertThat(raw.json().get("Message").asString()).contains("1000 bytes");
			assertThat(streamed.status()).isEqualTo(413);
			assertThat(multipart.status()).isEqualTo(413);
			assertThat(multipartByOne.status()).isEqualTo(413);
			assertThat(multipartAtLimit.status()).as("exactly at the limit").isEqualTo(201);
			assertThat(admin().json()
				.postBytes(snapshots(key) + "?version=1", "application/octet-stream", randomBytes(1000))
				.status()).as("exactly at the limit").isEqualTo(201);
			assertThat(admin().json().get(snapshots(key)).json().get("Items")).hasSize(2);
			assertNoSpoolFileLeft();
		}
		finally {
			setSnapshotLimit(50L * 1024 * 1024);
		}
	}

	@Test
	void uploadWhenEmptyOrWithoutVersionOrMalformedThenBadRequestAndNothingStored() {
		String key = createProject();
		ApiClient client = admin().json();

		assertThat(client.postBytes(snapshots(key) + "?version=1", "application/octet-stream", new byte[0]).status())
			.isEqualTo(400);
		assertThat(client.postBytes(snapshots(key), "application/octet-stream", randomBytes(10)).status())
			.isEqualTo(400);
		assertThat(
				client.postBytes(snapshots(key) + "?version=%0A", "application/octet-stream", randomBytes(10)).status())
			.isEqualTo(400);
		assertThat(client.postMultipart(snapshots(key), Map.of(), "file", "a.bin", randomBytes(10)).status())
			.isEqualTo(400);
		assertThat(client.postMultipart(snapshots(key), Map.of("version", "1"), null, null, null).status())
			.isEqualTo(400);
		ApiResponse unknownPart = client.postMultipart(snapshots(key), Map.of("version", "1", "extra", "x"), "file",
				"a.bin", randomBytes(10));
		assertThat(unknownPart.status()).isEqualTo(400);
		assertThat(unknownPart.json().get("Message").asString()).contains("extra");
		assertThat(client
			.postBytes(snapshots(key), "multipart/form-data; boundary=nothing",
					"garbage".getBytes(StandardCharsets.UTF_8))
			.status()).isEqualTo(400);

		assertThat(client.get(snapshots(key)).json().get("Items")).isEmpty();
		assertNoSpoolFileLeft();
	}

	@Test
	void uploadWhenOtherContentTypeThenUnsupportedMediaTypeNamingBothForms() {
		String key = createProject();

		ApiResponse json = admin().json().postJson(snapshots(key), "{\"Version\": \"1\"}");
		ApiResponse text = admin().json().post(snapshots(key) + "?version=1", "text/plain", "results");

		assertThat(json.status()).isEqualTo(415);
		assertThat(json.json().get("Message").asString()).contains("multipart/form-data")
			.contains("application/octet-stream");
		assertThat(text.status()).isEqualTo(415);
	}

	@Test
	void membersListAndDownloadOnlyProjectAdministratorsUploadOutsidersSeeNothing() {
		String key = createProject();
		long observer = TestUsers.role(admin(), "observer", "ACCESS_TOKENS");
		TestUser member = TestUsers.user(admin(), "member");
		TestUser outsider = TestUsers.user(admin(), "outsider");
		ApiResponse added = admin().json()
			.postJson("/api/v1/Projects/" + key + "/Members",
					"{\"User\": {\"Id\": " + member.id() + "}, \"Role\": {\"Id\": " + observer + "}}");
		assertThat(added.status()).isEqualTo(201);
		byte[] content = randomBytes(100);
		long id = admin().json()
			.postBytes(snapshots(key) + "?version=1", "application/octet-stream", content)
			.json()
			.get("Id")
			.asLong();

		ApiClient memberClient = member.client(anonymous()).json();
		assertThat(memberClient.get(snapshots(key)).json().get("Items")).hasSize(1);
		assertThat(memberClient.download(snapshots(key) + "/" + id + "/content")).isEqualTo(content);
		assertThat(memberClient.postBytes(snapshots(key) + "?version=2", "application/octet-stream", content).status())
			.isEqualTo(403);
		ApiClient outsiderClient = outsider.client(anonymous()).json();
		assertThat(outsiderClient.get(snapshots(key)).status()).isEqualTo(404);
		assertThat(outsiderClient.get(snapshots(key) + "/" + id + "/content").status()).isEqualTo(404);
		assertThat(
				outsiderClient.postBytes(snapshots(key) + "?version=2", "application/octet-stream", content).status())
			.isEqualTo(404);
		assertThat(admin().json().get(snapshots("NOPE" + TestProjects.uniqueKey())).status()).isEqualTo(404);
	}

	@Test
	void listWhenXmlThenSnapshotElementsWithIdAttributes() {
		String key = createProject();
		String token = admin().json()
			.postJson(tokens(key),
					"{\"Name\": \"ci\", \"ExpirationDate\": \""
							+ LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).plusDays(1) + "\"}")
			.json()
			.get("Token")
			.asString();
		anonymous().bearer(token).postBytes(snapshots(key) + "?version=9", "application/octet-stream", randomBytes(5));

		ApiResponse xml = admin().get(snapshots(key));

		assertThat(xml.contentType()).startsWith("application/xml");
		assertThat(xml.xpath("/Snapshots/Snapshot/Version")).isEqualTo("9");
		assertThat(xml.xpath("/Snapshots/Snapshot/UploadedBy/@ResourceType")).isEqualTo("ProjectAccessToken");
		assertThat(xml.xpath("/Snapshots/Snapshot/UploadedBy/@Name")).isEqualTo("ci");
	}

	@Test
	void openApiWhenDescribedThenBothUploadFormsAndTheDownloadAreListed() {
		JsonNode paths = anonymous().get("/v3/api-docs").json().get("paths");

		JsonNode upload = paths.get("/api/v1/Projects/{key}/Snapshots").get("post").get("requestBody").get("content");
		assertThat(upload.has("multipart/form-data") || upload.has("application/octet-stream")).isTrue();
		assertThat(anonymous().get("/v3/api-docs").body()).contains("multipart/form-data")
			.contains("application/octet-stream");
		assertThat(paths.has("/api/v1/Projects/{key}/Snapshots/{id}/content")).isTrue();
		assertThat(paths.has("/api/v1/Projects/{key}/AccessTokens")).isTrue();
		JsonNode listParameters = paths.get("/api/v1/Projects/{key}/Snapshots").get("get").get("parameters");
		assertThat(listParameters.findValuesAsString("name")).contains("key", "take", "skip", "where", "orderBy")
			.doesNotContain("caller", "parameters");
	}

	private static void assertNoSpoolFileLeft() {
		try (var files = java.nio.file.Files.list(java.nio.file.Path.of(SPOOL_DIRECTORY))) {
			assertThat(files.filter((file) -> file.getFileName().toString().startsWith("gatehouse-snapshot-")))
				.isEmpty();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void setSnapshotLimit(long bytes) {
		ApiResponse changed = admin().json().postJson("/api/v1/Settings", "{\"SnapshotMaxBytes\": " + bytes + "}");
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
	}

	private String createProject() {
		String key = TestProjects.uniqueKey();
		ApiResponse created = admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Project " + key + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return key;
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static String sha256(byte[] content) throws RuntimeException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
