package dev.gatehouse.serviceaccount;

import dev.gatehouse.GatehouseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar gatehouse.jar service-account …} (SPEC §6.1): the same entry point as
 * the jar's, on a database of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceAccountCommandIntegrationTests {

	private final String database = "--spring.datasource.url=jdbc:h2:mem:command-" + System.nanoTime()
			+ ";DB_CLOSE_DELAY=-1";

	@Test
	void setWhenNamedAdministratorThenHealthyAndStatusSaysSo(CapturedOutput output) {
		assertThat(run("service-account", "set", "--login", "admin")).isZero();
		assertThat(output.getOut()).contains("Service account: admin; state HEALTHY; token expires in 365 days");

		assertThat(run("service-account", "status")).isZero();
		assertThat(run("service-account", "clear")).isZero();
		assertThat(run("service-account", "status")).isZero();
		assertThat(output.getOut()).contains("Service account: none; state NOT_CONFIGURED");
	}

	@Test
	void setWhenNoSuchAdministratorOrBadUsageThenNonZero(CapturedOutput output) {
		assertThat(run("service-account", "set", "--login=nobody")).isEqualTo(1);
		assertThat(output.getErr()).contains("No user 'nobody'");
		assertThat(run("service-account", "set")).isEqualTo(2);
		assertThat(run("service-account", "renew")).isEqualTo(2);
		assertThat(output.getErr()).contains("Usage: java -jar gatehouse.jar service-account");
	}

	private int run(String... command) {
		String[] args = new String[command.length + 3];
		System.arraycopy(command, 0, args, 0, command.length);
		args[command.length] = this.database;
		args[command.length + 1] = "--gatehouse.admin-password=command-test-password";
		args[command.length + 2] = "--spring.threads.virtual.enabled=false";
		return ServiceAccountCommand.run(GatehouseApplication.class, args);
	}

}
