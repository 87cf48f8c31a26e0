package dev.gatehouse.settings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The single row of {@code organisation_settings}.
 */
@Repository
class JdbcSettingsRepository {

	private final JdbcClient jdbc;

	JdbcSettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	OrganisationSettings load() {
		return this.jdbc
			.sql("select login_form_enabled, token_max_lifetime_days, token_expiry_required,"
					+ " snapshot_max_bytes, show_restricted_work_items, service_tokens_enabled"
					+ " from organisation_settings where id = 1")
			.query((rs, row) -> new OrganisationSettings(rs.getBoolean("login_form_enabled"),
					rs.getInt("token_max_lifetime_days"), rs.getBoolean("token_expiry_required"),
					rs.getLong("snapshot_max_bytes"), rs.getBoolean("show_restricted_work_items"),
					rs.getBoolean("service_tokens_enabled")))
			.single();
	}

	void save(OrganisationSettings settings) {
		this.jdbc
			.sql("update organisation_settings set login_form_enabled = :loginFormEnabled,"
					+ " token_max_lifetime_days = :maxDays, token_expiry_required = :expiryRequired,"
					+ " snapshot_max_bytes = :snapshotMaxBytes, show_restricted_work_items = :showRestricted,"
					+ " service_tokens_enabled = :serviceTokens where id = 1")
			.param("serviceTokens", settings.serviceTokensEnabled())
			.param("showRestricted", settings.showRestrictedWorkItems())
			.param("snapshotMaxBytes", settings.snapshotMaxBytes())
			.param("loginFormEnabled", settings.loginFormEnabled())
			.param("maxDays", settings.tokenMaxLifetimeDays())
			.param("expiryRequired", settings.tokenExpiryRequired())
			.update();
	}

}
