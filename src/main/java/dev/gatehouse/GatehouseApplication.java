package dev.gatehouse;

import dev.gatehouse.serviceaccount.ServiceAccountCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * Gatehouse: a self-hosted server for secure, auditable API access to a team's work data.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class GatehouseApplication {

	public static void main(String[] args) {
		if (args.length > 0 && ServiceAccountCommand.NAME.equals(args[0])) {
			System.exit(ServiceAccountCommand.run(GatehouseApplication.class, args));
		}
		SpringApplication.run(GatehouseApplication.class, args);
	}

}
