package dev.gatehouse.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;

/**
 * The body of {@code POST /api/v1/Users} and {@code POST /api/v1/Users/{id}} (SPEC §10).
 * Omitted fields stay as they are.
 */
record UserWrite(@JsonProperty("Login") String login, @JsonProperty("Password") String password,
		@JsonProperty("FirstName") String firstName, @JsonProperty("LastName") String lastName,
		@JsonProperty("Email") String email, @JsonProperty("Kind") String kind,
		@JsonProperty("IsActive") Boolean isActive, @JsonProperty("IsAdministrator") Boolean isAdministrator,
		@JsonProperty("Role") Reference role, @JsonProperty("Locale") String locale) {

	UserChanges toChanges() {
		return new UserChanges(this.login, this.password, this.firstName, this.lastName, this.email,
				(this.kind != null) ? UserKind.parse(this.kind) : null, this.isActive, this.isAdministrator,
				(this.role != null) ? this.role.requireId("Role") : null, this.locale);
	}

	@Override
	public String toString() {
		return "UserWrite[login=" + this.login + "]";
	}

}
