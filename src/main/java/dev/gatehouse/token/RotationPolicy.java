package dev.gatehouse.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.gatehouse.settings.OrganisationSettings;
import dev.gatehouse.system.InvalidRequestException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a rotation treats the value it replaces and the expiry of the new one (issue 16).
 * The old value keeps working for an overlap, so that jobs still holding it do not break
 * while the new one is handed out; the new value's first use ends the overlap early.
 * Rotated by its owner in person, a token gets the lifetime it had, from today; rotated
 * by itself, it keeps its expiration date, so no token can renew itself for ever.
 */
@Component
class RotationPolicy {

	/**
	 * How long a replaced value that stopped working is refused without revoking its
	 * token: requests a job sent just before its new value's first use may still arrive.
	 */
	static final Duration REUSE_GRACE = Duration.ofMinutes(1);

	/** How long a replaced value is remembered after it stopped working. */
	static final Duration REMEMBERED = Duration.ofDays(30);

	/** The longest overlap a rotation may ask for. */
	static final Duration MAX_OVERLAP = Duration.ofDays(7);

	private final Duration defaultOverlap;

	RotationPolicy(@Value("${gatehouse.tokens.rotation-overlap:24h}") Duration defaultOverlap) {
		if (defaultOverlap.isNegative() || defaultOverlap.compareTo(MAX_OVERLAP) > 0) {
			throw new IllegalStateException(
					"gatehouse.tokens.rotation-overlap must be between 0 and " + MAX_OVERLAP.toDays() + " days");
		}
		this.defaultOverlap = defaultOverlap;
	}

	/**
	 * The overlap of one rotation.
	 * @param requestedMinutes what the request asked for, or {@code null} for the default
	 * @return how long the old value keeps working
	 */
	Duration overlap(Integer requestedMinutes) {
		if (requestedMinutes == null) {
			return this.defaultOverlap;
		}
		if (requestedMinutes < 0 || requestedMinutes > MAX_OVERLAP.toMinutes()) {
			throw new InvalidRequestException(
					"OverlapMinutes must be between 0 and " + MAX_OVERLAP.toMinutes() + " (7 days)");
		}
		return Duration.ofMinutes(requestedMinutes);
	}

	/**
	 * The new value's expiration date.
	 * @param expirationDate the token's current one ({@code null}: never)
	 * @param lifetimeDays the lifetime the token was given, in days
	 * @param renew whether the owner rotates in person (the lifetime starts again)
	 * @param settings the token policy now
	 * @param today today, UTC
	 * @return the last day the new value works
	 */
	LocalDate expiration(LocalDate expirationDate, long lifetimeDays, boolean renew, OrganisationSettings settings,
			LocalDate today) {
		if (!renew) {
			return expirationDate;
		}
		LocalDate latest = today.plusDays(settings.tokenMaxLifetimeDays());
		if (expirationDate == null) {
			// Only tokens from before expiry dates were set have none: the policy's
			// longest.
			return latest;
		}
		LocalDate wanted = today.plusDays(Math.max(0, lifetimeDays));
		return settings.tokenExpiration(wanted.isAfter(latest) ? latest : wanted, today);
	}

	/**
	 * The lifetime of a token whose lifetime was not recorded: from its creation to its
	 * last day.
	 */
	static long lifetimeOf(Instant createDate, LocalDate expirationDate) {
		return (expirationDate != null)
				? Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(createDate, ZoneOffset.UTC), expirationDate))
				: 0;
	}

}
