package dev.gatehouse.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.api.ResourceReference;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.User;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A user in the API, shaped like Targetprocess's {@code User} (SPEC §7.5, seed 002).
 */
@JsonRootName("User")
@JsonPropertyOrder({ "ResourceType", "Id", "Kind", "FirstName", "LastName", "Email", "Login", "CreateDate",
		"ModifyDate", "DeleteDate", "IsActive", "IsAdministrator", "LastLoginDate", "Locale", "Role" })
record UserRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Kind") String kind, @JsonProperty("FirstName") String firstName,
		@JsonProperty("LastName") String lastName, @JsonProperty("Email") String email,
		@JsonProperty("Login") String login, @JsonProperty("CreateDate") Instant createDate,
		@JsonProperty("ModifyDate") Instant modifyDate, @JsonProperty("DeleteDate") Instant deleteDate,
		@JsonProperty("IsActive") boolean isActive, @JsonProperty("IsAdministrator") boolean isAdministrator,
		@JsonProperty("LastLoginDate") Instant lastLoginDate, @JsonProperty("Locale") String locale,
		@JsonProperty("Role") ResourceReference role) {

	@JsonProperty("ResourceType")
	@JacksonXmlProperty(isAttribute = true)
	String resourceType() {
		return "User";
	}

	static UserRepresentation of(User user) {
		return new UserRepresentation(user.id(), user.kind().name(), user.firstName(), user.lastName(), user.email(),
				user.login(), seconds(user.createDate()), seconds(user.modifyDate()), null, user.active(),
				user.administrator(), seconds(user.lastLoginDate()), user.locale(),
				new ResourceReference("Role", user.roleId(), user.roleName()));
	}

	static Instant seconds(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
	}

}
