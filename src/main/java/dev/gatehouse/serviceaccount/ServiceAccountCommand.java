package dev.gatehouse.serviceaccount;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.InvalidRequestException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The service account from the command line (SPEC §6.1), for installations without a
 * browser at hand. Runs against the configured database, then exits:
 *
 * <pre>
 * java -jar gatehouse.jar service-account set --login LOGIN
 * java -jar gatehouse.jar service-account status
 * java -jar gatehouse.jar service-account clear
 * </pre>
 *
 * Exit status: 0 done, 1 refused, 2 bad usage.
 */
@Component
@ConditionalOnProperty(name = "gatehouse.command", havingValue = ServiceAccountCommand.NAME)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ServiceAccountCommand implements ApplicationRunner, ExitCodeGenerator {

	/** The first argument that selects this command. */
	public static final String NAME = "service-account";

	private static final String USAGE = "Usage: java -jar gatehouse.jar service-account set --login LOGIN | status | clear";

	private final ServiceAccountService serviceAccount;

	private int exitCode;

	ServiceAccountCommand(ServiceAccountService serviceAccount) {
		this.serviceAccount = serviceAccount;
	}

	/**
	 * Runs the command in an application without a web server, and returns its exit
	 * status.
	 * @param application the application class
	 * @param args the command line, starting with {@value #NAME}
	 * @return the exit status
	 */
	public static int run(Class<?> application, String[] args) {
		// The whole application, so that the command runs the same rules as the server;
		// on
		// a free port, so that it never collides with a server that is running.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties("gatehouse.command=" + NAME, "spring.main.banner-mode=off", "server.port=0")
			.run(args);
		return SpringApplication.exit(context);
	}

	@Override
	public void run(ApplicationArguments arguments) {
		this.exitCode = execute(Arrays.asList(arguments.getSourceArgs()), System.out, System.err);
	}

	int execute(List<String> args, PrintStream out, PrintStream err) {
		List<String> words = args.stream().filter((arg) -> !arg.startsWith("--") || arg.startsWith("--login")).toList();
		String verb = (words.size() > 1) ? words.get(1) : "";
		try {
			switch (verb) {
				case "set" -> {
					String login = login(words);
					if (login == null) {
						err.println(USAGE);
						return 2;
					}
					print(out, this.serviceAccount.setFromCommandLine(login));
				}
				case "status" -> print(out, this.serviceAccount.status());
				case "clear" -> {
					this.serviceAccount.clearFromCommandLine();
					out.println("The service account is no longer used.");
				}
				default -> {
					err.println(USAGE);
					return 2;
				}
			}
			return 0;
		}
		catch (InvalidRequestException | AccessRefusedException ex) {
			err.println("service-account: " + ex.getMessage());
			return 1;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private static String login(List<String> words) {
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			if (word.startsWith("--login=")) {
				return word.substring("--login=".length());
			}
			if (word.equals("--login") && i + 1 < words.size()) {
				return words.get(i + 1);
			}
		}
		return null;
	}

	private static void print(PrintStream out, ServiceAccountStatus status) {
		out.println(
				"Service account: " + ((status.login() != null) ? status.login() : "none") + "; state " + status.state()
						+ ((status.daysLeft() != null) ? "; token expires in " + status.daysLeft() + " days" : ""));
		out.println(status.message());
	}

}
