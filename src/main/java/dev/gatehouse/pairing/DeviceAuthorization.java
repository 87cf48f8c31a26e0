package dev.gatehouse.pairing;

import java.time.Instant;
import java.util.Set;

import dev.gatehouse.token.Scope;

/**
 * An app's request to be paired (RFC 8628), from the code it shows until it collects its
 * token or the code expires.
 *
 * @param id its id
 * @param userCode the code the user types, normalised
 * @param clientId the app, as it names itself
 * @param deviceName the device it runs on, as it names it, or {@code null}
 * @param scopes what it asks for
 * @param status where it stands
 * @param userId who approved or denied it, or {@code null}
 * @param tokenId the token it collected, or {@code null}
 * @param interval the seconds the app must wait between polls
 * @param lastPoll its last poll, or {@code null}
 * @param createDate when it asked
 * @param expiryDate when the codes stop working
 */
record DeviceAuthorization(long id, String userCode, String clientId, String deviceName, Set<Scope> scopes,
		Status status, Long userId, Long tokenId, int interval, Instant lastPoll, Instant createDate,
		Instant expiryDate) {

	boolean expiredAt(Instant now) {
		return !now.isBefore(this.expiryDate);
	}

	/**
	 * What the paired app's token is called: the app, and the device if it said.
	 */
	String tokenName() {
		String name = (this.deviceName != null) ? this.clientId + " on " + this.deviceName : this.clientId;
		return (name.length() > 100) ? name.substring(0, 100) : name;
	}

	enum Status {

		PENDING, APPROVED, DENIED, COLLECTED

	}

}
