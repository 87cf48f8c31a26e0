package dev.gatehouse.settings;

import dev.gatehouse.identity.Caller;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the organisation settings for every decision that depends on them; only
 * administrators change them.
 */
@Service
public class SettingsService {

	private final JdbcSettingsRepository settings;

	SettingsService(JdbcSettingsRepository settings) {
		this.settings = settings;
	}

	public OrganisationSettings current() {
		return this.settings.load();
	}

	public boolean loginFormEnabled() {
		return current().loginFormEnabled();
	}

	/**
	 * Changes the settings; {@code null} values stay as they are.
	 * @param caller who asks (an administrator)
	 * @param loginFormEnabled whether the login form and Basic are accepted
	 * @return the settings now in force
	 */
	@Transactional
	public OrganisationSettings update(Caller caller, Boolean loginFormEnabled) {
		caller.requireAdministrator("change the organisation settings");
		OrganisationSettings current = current();
		OrganisationSettings updated = new OrganisationSettings(
				(loginFormEnabled != null) ? loginFormEnabled : current.loginFormEnabled());
		this.settings.save(updated);
		return updated;
	}

	/**
	 * Turns the login form back on, for an organisation locked out of its pages
	 * ({@code GATEHOUSE_ENABLE_LOGIN_FORM=true} at start).
	 */
	@Transactional
	public void enableLoginForm() {
		this.settings.save(new OrganisationSettings(true));
	}

}
