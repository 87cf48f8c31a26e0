package dev.gatehouse.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;
import dev.gatehouse.system.InvalidRequestException;

/**
 * The body of {@code POST /api/v1/Projects/{key}/Members}: {@code User} required,
 * {@code Role} optional.
 */
record MemberWrite(@JsonProperty("User") Reference user, @JsonProperty("Role") Reference role) {

	long userId() {
		if (this.user == null) {
			throw new InvalidRequestException("User is required, e.g. {\"User\": {\"Id\": 3}}");
		}
		return this.user.requireId("User");
	}

	Long roleId() {
		return (this.role != null) ? this.role.requireId("Role") : null;
	}

}
