package dev.gatehouse.identity;

import java.util.Locale;

import dev.gatehouse.system.InvalidRequestException;

/**
 * The kind of a user: a {@code User} works with the data; a {@code Requester} only
 * submits requests and never reaches the API (SPEC §2.2).
 */
public enum UserKind {

	User, Requester;

	/**
	 * Reads a kind as the API writes it, in any case.
	 * @param text {@code User} or {@code Requester}
	 * @return the kind
	 */
	public static UserKind parse(String text) {
		for (UserKind kind : values()) {
			if (kind.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
				return kind;
			}
		}
		throw new InvalidRequestException("Kind must be User or Requester");
	}

}
