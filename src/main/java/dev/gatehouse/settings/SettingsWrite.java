package dev.gatehouse.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.settings.SettingsService.SettingsChanges;

/**
 * The body of {@code POST /api/v1/Settings}; omitted settings stay as they are.
 */
record SettingsWrite(@JsonProperty("LoginFormEnabled") Boolean loginFormEnabled,
		@JsonProperty("TokenMaxLifetimeDays") Integer tokenMaxLifetimeDays,
		@JsonProperty("TokenExpiryRequired") Boolean tokenExpiryRequired,
		@JsonProperty("SnapshotMaxBytes") Long snapshotMaxBytes,
		@JsonProperty("ShowRestrictedWorkItems") Boolean showRestrictedWorkItems,
		@JsonProperty("ServiceTokensEnabled") Boolean serviceTokensEnabled) {

	SettingsChanges toChanges() {
		return new SettingsChanges(this.loginFormEnabled, this.tokenMaxLifetimeDays, this.tokenExpiryRequired,
				this.snapshotMaxBytes, this.showRestrictedWorkItems, this.serviceTokensEnabled);
	}

}
