package dev.gatehouse.token;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;

/**
 * The body of {@code POST /api/v1/AccessTokens}: {@code Name} (required), {@code Scopes}
 * (omitted: every scope), {@code ExpirationDate} (a date; omitted: the policy's longest).
 * A {@code User} naming anyone but the caller is refused.
 */
record AccessTokenWrite(@JsonProperty("Name") String name, @JsonProperty("Scopes") List<String> scopes,
		@JsonProperty("ExpirationDate") LocalDate expirationDate, @JsonProperty("User") Reference user) {

	Set<Scope> scopeSet() {
		if (this.scopes == null) {
			return null;
		}
		Set<Scope> set = EnumSet.noneOf(Scope.class);
		this.scopes.forEach((name) -> set.add(Scope.parse(String.valueOf(name))));
		return set;
	}

}
