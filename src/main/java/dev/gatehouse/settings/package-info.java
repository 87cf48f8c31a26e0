/**
 * Organisation settings that administrators change: whether the login form (and HTTP
 * Basic) is enabled, and the policies later features add.
 */
package dev.gatehouse.settings;
