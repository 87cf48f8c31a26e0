package dev.gatehouse.pairing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.TestServiceAccounts;
import dev.gatehouse.TestUsers;
import dev.gatehouse.TestUsers.TestUser;
import dev.gatehouse.UploadScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/timer.py} against the running server, as a user runs it on another
 * device: it pairs through the device grant (approved on the pairing page), keeps its
 * token owner-only in its configuration file, and shows and stops a timer started
 * elsewhere.
 */
class TimerExampleIntegrationTests extends IntegrationTestSupport {

	private static final Pattern CODE = Pattern.compile("enter the code ([A-Z]{4}-[A-Z]{4})");

	@TempDir
	Path work;

	private TestUser user;

	private long story;

	@BeforeEach
	void userWithAStoryAndAServiceAccount() {
		UploadScript.requirePython();
		String key = TestProjects.project(admin());
		this.story = TestProjects.story(admin(), key, "Quarterly report");
		this.user = TestUsers.user(admin(), "timerapp");
		TestProjects.member(admin(), key, this.user.id());
		TestServiceAccounts.set(admin(), anonymous(), LocalDate.now(ZoneOffset.UTC));
	}

	@AfterEach
	void noServiceAccount() {
		admin().delete("/api/v1/ServiceAccount");
	}

	@Test
	void timerWhenStartedThroughTheApiThenStoppedFromThePairedAppLogsOneEntry() throws Exception {
		// At the office, through the API (the browser is then closed).
		ApiResponse started = this.user.client(anonymous())
			.json()
			.postJson("/api/v1/Timers", "{\"UserStory\": {\"Id\": " + this.story + "}, \"Description\": \"Report\"}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);

		// At home, the app is paired on "another device".
		String output = pair("home laptop");
		assertThat(output).contains("Paired as \"timer.py on home laptop\"");
		Path config = this.work.resolve("config.json");
		assertThat(Files.getPosixFilePermissions(config)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		String token = readToken(config);
		assertThat(token).startsWith("gpat_");
		assertThat(output).doesNotContain(token);

		assertThat(run("show")).contains("Running:").contains("#" + this.story);
		String stopped = run("stop");

		assertThat(stopped).contains("Stopped: logged");
		JsonNode entries = this.user.client(anonymous()).json().get("/api/v1/Times").json().get("Items");
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).get("Description").asString()).isEqualTo("Report");
		assertThat(run("show")).contains("No timer is running.");
		assertThat(run("start", String.valueOf(this.story), "--description", "From the app")).contains("Started:");
		assertThat(this.user.client(anonymous())
			.json()
			.get("/api/v1/Timers")
			.json()
			.get("Items")
			.get(0)
			.get("Description")
			.asString()).isEqualTo("From the app");
		assertThat(run("discard")).contains("Discarded");
		assertThat(this.user.client(anonymous()).json().get("/api/v1/Times").json().get("Items")).hasSize(1);
	}

	/**
	 * Runs {@code timer.py pair}, approves the code it shows on the pairing page, and
	 * waits for it to collect its token.
	 */
	private String pair(String deviceName) throws Exception {
		Process process = start(
				List.of("pair", "--server", "http://localhost:" + this.port, "--device-name", deviceName));
		StringBuilder output = new StringBuilder();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String code = null;
			String line;
			while (code == null && (line = lines.readLine()) != null) {
				output.append(line).append('\n');
				Matcher matcher = CODE.matcher(line);
				if (matcher.find()) {
					code = matcher.group(1);
				}
			}
			assertThat(code).as(output.toString()).isNotNull();
			ApiClient browser = signIn(this.user);
			ApiResponse page = browser.get("/pair?code=" + code);
			assertThat(page.body()).contains("timer.py").contains("home laptop");
			assertThat(browser.submitForm("/pair/approve", ApiClient.csrfToken(page), Map.of("code", code)).status())
				.isEqualTo(302);
			while ((line = lines.readLine()) != null) {
				output.append(line).append('\n');
			}
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output.toString()).isZero();
		return output.toString();
	}

	private String run(String... arguments) throws Exception {
		Process process = start(List.of(arguments));
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private Process start(List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(UploadScript.python(), "-u", "examples/timer.py"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("GATEHOUSE_TIMER_CONFIG", this.work.resolve("config.json").toString());
		return builder.start();
	}

	private static String readToken(Path config) throws IOException {
		Matcher token = Pattern.compile("\"token\": \"([^\"]+)\"").matcher(Files.readString(config));
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

}
