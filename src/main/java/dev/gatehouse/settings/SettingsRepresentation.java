package dev.gatehouse.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRootName;

/**
 * The organisation settings in the API ({@code GET /api/v1/Settings}).
 */
@JsonRootName("Settings")
record SettingsRepresentation(@JsonProperty("LoginFormEnabled") boolean loginFormEnabled) {

	static SettingsRepresentation of(OrganisationSettings settings) {
		return new SettingsRepresentation(settings.loginFormEnabled());
	}

}
