package dev.gatehouse.settings;

import java.time.Duration;
import java.util.Objects;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.CoherentCache;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the organisation settings for every decision that depends on them, from memory
 * kept coherent across nodes; only administrators change them.
 */
@Service
public class SettingsService {

	private static final long ONLY_ROW = 1;

	private final JdbcSettingsRepository settings;

	private final ChangeNotifications changes;

	private final CoherentCache<Long, OrganisationSettings> cache;

	private final AuditLog audit;

	SettingsService(JdbcSettingsRepository settings, ChangeNotifications changes, AuditLog audit) {
		this.settings = settings;
		this.changes = changes;
		this.audit = audit;
		this.cache = CoherentCache.on(changes, Topic.SETTINGS, 1, Duration.ofMinutes(1));
	}

	public OrganisationSettings current() {
		return this.cache.get(ONLY_ROW, (key) -> java.util.Optional.of(this.settings.load())).orElseThrow();
	}

	public boolean loginFormEnabled() {
		return current().loginFormEnabled();
	}

	/**
	 * Changes the settings; {@code null} values stay as they are.
	 * @param caller who asks (an administrator)
	 * @param changes the new values
	 * @return the settings now in force
	 */
	@Transactional
	public OrganisationSettings update(Caller caller, SettingsChanges changes) {
		caller.requireAdministrator("change the organisation settings");
		OrganisationSettings current = this.settings.load();
		OrganisationSettings updated = new OrganisationSettings(
				Objects.requireNonNullElse(changes.loginFormEnabled(), current.loginFormEnabled()),
				Objects.requireNonNullElse(changes.tokenMaxLifetimeDays(), current.tokenMaxLifetimeDays()),
				Objects.requireNonNullElse(changes.tokenExpiryRequired(), current.tokenExpiryRequired()),
				Objects.requireNonNullElse(changes.snapshotMaxBytes(), current.snapshotMaxBytes()),
				Objects.requireNonNullElse(changes.showRestrictedWorkItems(), current.showRestrictedWorkItems()),
				Objects.requireNonNullElse(changes.serviceTokensEnabled(), current.serviceTokensEnabled()));
		this.settings.save(updated);
		this.changes.publish(Topic.SETTINGS, ChangeNotifications.EVERYTHING);
		this.audit.record(AuditAction.SETTINGS_CHANGED, caller, null, null,
				"LoginFormEnabled=" + updated.loginFormEnabled() + ", TokenMaxLifetimeDays="
						+ updated.tokenMaxLifetimeDays() + ", TokenExpiryRequired=" + updated.tokenExpiryRequired()
						+ ", SnapshotMaxBytes=" + updated.snapshotMaxBytes() + ", ShowRestrictedWorkItems="
						+ updated.showRestrictedWorkItems() + ", ServiceTokensEnabled="
						+ updated.serviceTokensEnabled());
		return updated;
	}

	/**
	 * Turns the login form back on, for an organisation locked out of its pages
	 * ({@code GATEHOUSE_ENABLE_LOGIN_FORM=true} at start).
	 */
	@Transactional
	public void enableLoginForm() {
		OrganisationSettings current = this.settings.load();
		this.settings.save(new OrganisationSettings(true, current.tokenMaxLifetimeDays(), current.tokenExpiryRequired(),
				current.snapshotMaxBytes(), current.showRestrictedWorkItems(), current.serviceTokensEnabled()));
		this.changes.publish(Topic.SETTINGS, ChangeNotifications.EVERYTHING);
	}

	/**
	 * Settings to change; {@code null} means unchanged.
	 *
	 * @param loginFormEnabled whether the login form and Basic are accepted
	 * @param tokenMaxLifetimeDays the longest token lifetime in days
	 * @param tokenExpiryRequired whether new tokens must name an expiration date
	 * @param snapshotMaxBytes the largest snapshot upload, in bytes
	 * @param showRestrictedWorkItems the reporting privacy setting
	 * @param serviceTokensEnabled whether legacy service tokens are accepted
	 */
	public record SettingsChanges(Boolean loginFormEnabled, Integer tokenMaxLifetimeDays, Boolean tokenExpiryRequired,
			Long snapshotMaxBytes, Boolean showRestrictedWorkItems, Boolean serviceTokensEnabled) {

		public static SettingsChanges loginForm(boolean enabled) {
			return new SettingsChanges(enabled, null, null, null, null, null);
		}

		public static SettingsChanges reportingPrivacy(boolean showRestrictedWorkItems) {
			return new SettingsChanges(null, null, null, null, showRestrictedWorkItems, null);
		}

		public static SettingsChanges serviceTokens(boolean enabled) {
			return new SettingsChanges(null, null, null, null, null, enabled);
		}

	}

}
