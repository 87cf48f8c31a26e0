package dev.gatehouse.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;

/**
 * The organisation settings in the API ({@code GET /api/v1/Settings}).
 */
@JsonRootName("Settings")
@JsonPropertyOrder({ "LoginFormEnabled", "TokenMaxLifetimeDays", "TokenExpiryRequired", "SnapshotMaxBytes",
		"ShowRestrictedWorkItems", "ServiceTokensEnabled" })
record SettingsRepresentation(@JsonProperty("LoginFormEnabled") boolean loginFormEnabled,
		@JsonProperty("TokenMaxLifetimeDays") int tokenMaxLifetimeDays,
		@JsonProperty("TokenExpiryRequired") boolean tokenExpiryRequired,
		@JsonProperty("SnapshotMaxBytes") long snapshotMaxBytes,
		@JsonProperty("ShowRestrictedWorkItems") boolean showRestrictedWorkItems,
		@JsonProperty("ServiceTokensEnabled") boolean serviceTokensEnabled) {

	static SettingsRepresentation of(OrganisationSettings settings) {
		return new SettingsRepresentation(settings.loginFormEnabled(), settings.tokenMaxLifetimeDays(),
				settings.tokenExpiryRequired(), settings.snapshotMaxBytes(), settings.showRestrictedWorkItems(),
				settings.serviceTokensEnabled());
	}

}
