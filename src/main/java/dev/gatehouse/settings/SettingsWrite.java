package dev.gatehouse.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v1/Settings}; omitted settings stay as they are.
 */
record SettingsWrite(@JsonProperty("LoginFormEnabled") Boolean loginFormEnabled) {

}
