package dev.gatehouse.settings;

/**
 * The organisation's settings.
 *
 * @param loginFormEnabled {@code false} means single sign-on only: the login form and
 * HTTP Basic are refused, tokens keep working (SPEC §2.5)
 */
public record OrganisationSettings(boolean loginFormEnabled) {

}
