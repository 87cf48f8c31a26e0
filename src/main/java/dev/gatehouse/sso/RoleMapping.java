package dev.gatehouse.sso;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What an identity provider's claim says a user is, at every sign-in through it: a value
 * of the claim (a string, or a list such as {@code groups}) among the administrator
 * values makes an administrator, among the requester values a requester; neither, a plain
 * user. With a mapping, the provider decides: a user it no longer names an administrator
 * stops being one at the next sign-in.
 *
 * @param claim the claim, e.g. {@code groups} or {@code roles}
 * @param administratorValues values that make an administrator
 * @param requesterValues values that make a requester
 */
public record RoleMapping(String claim, List<String> administratorValues, List<String> requesterValues) {

	/**
	 * The roles the claims give.
	 * @param claims the ID token's (and user info's) claims
	 * @return what the user is
	 */
	Roles rolesFrom(Map<String, Object> claims) {
		Object value = claims.get(this.claim);
		List<String> values = (value instanceof Collection<?> many) ? many.stream().map(String::valueOf).toList()
				: (value != null) ? List.of(String.valueOf(value)) : List.of();
		// A role the mapping has no values for stays as Gatehouse's administrators set
		// it.
		return new Roles(
				this.administratorValues.isEmpty() ? null
						: values.stream().anyMatch(this.administratorValues::contains),
				this.requesterValues.isEmpty() ? null : values.stream().anyMatch(this.requesterValues::contains));
	}

	/**
	 * What a sign-in's claims name the user.
	 *
	 * @param administrator whether an administrator, or {@code null} if the mapping does
	 * not decide it
	 * @param requester whether a requester, or {@code null} if the mapping does not
	 * decide it
	 */
	record Roles(Boolean administrator, Boolean requester) {
	}

}
