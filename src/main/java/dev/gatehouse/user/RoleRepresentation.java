package dev.gatehouse.user;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.identity.Permission;
import dev.gatehouse.identity.Role;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A role in the API: {@code <Role ResourceType="Role" Id="1" Name="Developer">} with its
 * permissions.
 */
@JsonRootName("Role")
@JsonPropertyOrder({ "ResourceType", "Id", "Name", "IsBuiltIn", "Permissions", "CreateDate", "ModifyDate" })
record RoleRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Name") @JacksonXmlProperty(isAttribute = true) String name,
		@JsonProperty("IsBuiltIn") boolean isBuiltIn,
		@JsonProperty("Permissions") @JacksonXmlElementWrapper(localName = "Permissions") @JacksonXmlProperty(
				localName = "Permission") List<String> permissions,
		@JsonProperty("CreateDate") Instant createDate, @JsonProperty("ModifyDate") Instant modifyDate) {

	@JsonProperty("ResourceType")
	@JacksonXmlProperty(isAttribute = true)
	String resourceType() {
		return "Role";
	}

	static RoleRepresentation of(Role role) {
		return new RoleRepresentation(role.id(), role.name(), role.builtIn(),
				role.permissions().stream().map(Enum::name).sorted().toList(),
				UserRepresentation.seconds(role.createDate()), UserRepresentation.seconds(role.modifyDate()));
	}

}
