package dev.gatehouse.startup;

import java.security.SecureRandom;
import java.util.Base64;

import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On first start, creates the administrator {@code admin} (SPEC §9.2) with the password
 * from {@code GATEHOUSE_ADMIN_PASSWORD}, or a generated one printed this once: it is the
 * only way in to a new installation. Also applies the break-glass
 * {@code GATEHOUSE_ENABLE_LOGIN_FORM}.
 */
@Component
@Order(1)
class InitialAdministrator implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(InitialAdministrator.class);

	private final UserService users;

	private final SettingsService settings;

	private final String configuredPassword;

	private final boolean enableLoginForm;

	InitialAdministrator(UserService users, SettingsService settings,
			@Value("${gatehouse.admin-password:}") String configuredPassword,
			@Value("${gatehouse.enable-login-form-on-start:false}") boolean enableLoginForm) {
		this.users = users;
		this.settings = settings;
		this.configuredPassword = configuredPassword;
		this.enableLoginForm = enableLoginForm;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean generated = this.configuredPassword.isBlank();
		String password = generated ? generatePassword() : this.configuredPassword;
		this.users.createInitialAdministrator(password).ifPresent((admin) -> {
			if (generated) {
				// Printed once, on purpose: without it nobody could sign in to a new
				// installation.
				logger.warn("""

						==========================================================================
						 Created the administrator 'admin' with the generated password:
						     {}
						 It is shown only now. Sign in and change it, or set
						 GATEHOUSE_ADMIN_PASSWORD before the first start next time.
						==========================================================================""", password);
			}
			else {
				logger.info("Created the administrator 'admin' with the password from GATEHOUSE_ADMIN_PASSWORD");
			}
		});
		if (this.enableLoginForm) {
			this.settings.enableLoginForm();
			logger.warn("The login form was turned on by GATEHOUSE_ENABLE_LOGIN_FORM");
		}
	}

	private static String generatePassword() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
