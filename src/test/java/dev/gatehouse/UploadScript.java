package dev.gatehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code examples/upload_snapshot.py}, run as a CI job runs it: a separate python3
 * process with its own environment, its exit status and output kept.
 */
public final class UploadScript {

	private static final Path SCRIPT = Path.of("examples", "upload_snapshot.py");

	/** The variables a CI job's environment may hold, cleared before each run. */
	private static final List<String> CREDENTIAL_VARIABLES = List.of("GATEHOUSE_PROJECT_TOKEN", "GATEHOUSE_ID_TOKEN",
			"ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN");

	private UploadScript() {
	}

	/**
	 * Skips the test without python3, or fails it where the build requires every tool
	 * ({@code GATEHOUSE_REQUIRE_BROWSER=true}, as in CI).
	 */
	public static void requirePython() {
		if (python() == null && "true".equals(System.getenv("GATEHOUSE_REQUIRE_BROWSER"))) {
			throw new AssertionError("python3 is required here (GATEHOUSE_REQUIRE_BROWSER=true) but not installed");
		}
		assumeTrue(python() != null, "python3 is not installed");
	}

	/**
	 * Runs the script.
	 * @param work a folder for its output
	 * @param arguments its arguments
	 * @param environment the variables to set, besides the inherited ones
	 * @return how it ended
	 */
	public static Run run(Path work, List<String> arguments, Map<String, String> environment)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(python(), SCRIPT.toString()));
		command.addAll(arguments);
		Path output = Files.createTempFile(work, "script-", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		CREDENTIAL_VARIABLES.forEach(builder.environment()::remove);
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The script did not finish in 60 s:\n" + Files.readString(output));
		}
		return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	public static String python() {
		for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * How a run ended.
	 *
	 * @param exit the exit status
	 * @param output standard output and error, interleaved
	 */
	public record Run(int exit, String output) {
	}

}
