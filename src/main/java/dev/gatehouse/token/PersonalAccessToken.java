package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A personal access token as stored: everything but its value, of which only a hash is
 * kept.
 *
 * @param id the id
 * @param userId the owner
 * @param userLogin the owner's login
 * @param name what the owner called it
 * @param lastFour the last four characters of the value, to tell tokens apart
 * @param scopes what it may be used for
 * @param createDate when it was issued
 * @param expirationDate the last day (UTC) it works, or {@code null} for never
 * @param lastUsed its last successful use, or {@code null}
 * @param rotatedDate when its current value was issued by a rotation, or {@code null}
 * @param overlapEnd the latest moment at which a value it had before a rotation stops
 * working, or {@code null} if it was never rotated
 */
public record PersonalAccessToken(long id, long userId, String userLogin, String name, String lastFour,
		Set<Scope> scopes, Instant createDate, LocalDate expirationDate, TokenUse lastUsed, Instant rotatedDate,
		Instant overlapEnd) {

	public PersonalAccessToken {
		scopes = Set.copyOf(scopes);
	}

	/**
	 * A token never rotated.
	 */
	public PersonalAccessToken(long id, long userId, String userLogin, String name, String lastFour, Set<Scope> scopes,
			Instant createDate, LocalDate expirationDate, TokenUse lastUsed) {
		this(id, userId, userLogin, name, lastFour, scopes, createDate, expirationDate, lastUsed, null, null);
	}

	/**
	 * Whether a value it had before its last rotation still works at this instant.
	 * @param now the instant
	 * @return whether the overlap is open
	 */
	public boolean overlapOpenAt(Instant now) {
		return this.overlapEnd != null && now.isBefore(this.overlapEnd);
	}

	/**
	 * Whether the token is past its last day.
	 * @param today today, UTC
	 * @return whether it is expired
	 */
	public boolean expiredOn(LocalDate today) {
		return this.expirationDate != null && today.isAfter(this.expirationDate);
	}

	/**
	 * How the token is named in the audit log and messages: never by value.
	 * @return e.g. {@code token #4 "CI" …x7Qa}
	 */
	public String label() {
		return "token #" + this.id + " \"" + this.name + "\" …" + this.lastFour;
	}

	PersonalAccessToken withLastUsed(TokenUse use) {
		return new PersonalAccessToken(this.id, this.userId, this.userLogin, this.name, this.lastFour, this.scopes,
				this.createDate, this.expirationDate, use, this.rotatedDate, this.overlapEnd);
	}

	/**
	 * A use of a token.
	 *
	 * @param date when
	 * @param address from which client address
	 * @param client the client's user agent
	 */
	public record TokenUse(Instant date, String address, String client) {
	}

}
