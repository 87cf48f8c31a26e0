package dev.gatehouse.settings;

import java.time.LocalDate;

import dev.gatehouse.system.InvalidRequestException;

/**
 * The organisation's settings.
 *
 * @param loginFormEnabled {@code false} means single sign-on only: the login form and
 * HTTP Basic are refused, tokens keep working (SPEC §2.5)
 * @param tokenMaxLifetimeDays the longest an access token may live, in days (SPEC §4.7)
 * @param tokenExpiryRequired whether every new access token must name its expiration date
 * @param snapshotMaxBytes the largest analysis snapshot an upload may carry (SPEC §1)
 * @param showRestrictedWorkItems the privacy setting "Allow access to data from
 * restricted projects in Reporting" (SPEC §6.4): whether reports read through the service
 * account show the titles of work items from projects the reader cannot access, or mask
 * them
 * @param serviceTokensEnabled whether legacy service tokens ({@code ?token=}) are
 * accepted and issued; off, they are refused with a message naming personal access tokens
 */
public record OrganisationSettings(boolean loginFormEnabled, int tokenMaxLifetimeDays, boolean tokenExpiryRequired,
		long snapshotMaxBytes, boolean showRestrictedWorkItems, boolean serviceTokensEnabled) {

	/**
	 * Settings with service tokens on, as before they could be switched off.
	 */
	public OrganisationSettings(boolean loginFormEnabled, int tokenMaxLifetimeDays, boolean tokenExpiryRequired,
			long snapshotMaxBytes, boolean showRestrictedWorkItems) {
		this(loginFormEnabled, tokenMaxLifetimeDays, tokenExpiryRequired, snapshotMaxBytes, showRestrictedWorkItems,
				true);
	}

	/** The longest lifetime an administrator may allow: ten years. */
	public static final int MAX_TOKEN_LIFETIME_DAYS = 3650;

	/** The default snapshot size limit: 50 MB. */
	public static final long DEFAULT_SNAPSHOT_MAX_BYTES = 50L * 1024 * 1024;

	/**
	 * The largest snapshot limit an administrator may set: 1 GiB, which the database
	 * stores in 1 MiB chunks.
	 */
	public static final long MAX_SNAPSHOT_BYTES = 1024L * 1024 * 1024;

	public OrganisationSettings {
		if (snapshotMaxBytes < 1 || snapshotMaxBytes > MAX_SNAPSHOT_BYTES) {
			throw new InvalidRequestException("SnapshotMaxBytes must be between 1 and " + MAX_SNAPSHOT_BYTES);
		}
		if (tokenMaxLifetimeDays < 1 || tokenMaxLifetimeDays > MAX_TOKEN_LIFETIME_DAYS) {
			throw new InvalidRequestException("TokenMaxLifetimeDays must be between 1 and " + MAX_TOKEN_LIFETIME_DAYS);
		}
	}

	/**
	 * The expiration date of a new token under this policy: the one asked for, or the
	 * longest allowed when none is asked for and none is required.
	 * @param requested the date asked for, or {@code null}
	 * @param today today, UTC
	 * @return the last day on which the token works
	 */
	public LocalDate tokenExpiration(LocalDate requested, LocalDate today) {
		LocalDate latest = today.plusDays(this.tokenMaxLifetimeDays);
		if (requested == null) {
			if (this.tokenExpiryRequired) {
				throw new InvalidRequestException("ExpirationDate is required by the token policy");
			}
			return latest;
		}
		if (requested.isBefore(today)) {
			throw new InvalidRequestException("ExpirationDate must not be in the past");
		}
		if (requested.isAfter(latest)) {
			throw new InvalidRequestException("ExpirationDate must be at most " + this.tokenMaxLifetimeDays
					+ " days from today (" + latest + ") under the token policy");
		}
		return requested;
	}

}
