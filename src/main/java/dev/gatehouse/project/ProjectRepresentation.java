package dev.gatehouse.project;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gatehouse.api.ResourceReference;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.annotation.JsonRootName;

/**
 * A project in the API, with its members.
 */
@JsonRootName("Project")
@JsonPropertyOrder({ "ResourceType", "Id", "Name", "Key", "CreateDate", "ModifyDate", "Members" })
record ProjectRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("Name") @JacksonXmlProperty(isAttribute = true) String name, @JsonProperty("Key") String key,
		@JsonProperty("CreateDate") Instant createDate, @JsonProperty("ModifyDate") Instant modifyDate,
		@JsonProperty("Members") @JacksonXmlElementWrapper(localName = "Members") @JacksonXmlProperty(
				localName = "Member") List<MemberRepresentation> members) {

	@JsonProperty("ResourceType")
	@JacksonXmlProperty(isAttribute = true)
	String resourceType() {
		return "Project";
	}

	static ProjectRepresentation of(Project project, List<ProjectMember> members) {
		return new ProjectRepresentation(project.id(), project.name(), project.key(),
				project.createDate().truncatedTo(ChronoUnit.SECONDS),
				project.modifyDate().truncatedTo(ChronoUnit.SECONDS),
				members.stream().map(MemberRepresentation::of).toList());
	}

	/**
	 * A membership: {@code {"User": {...}, "Role": {...}}}; {@code Role} is null when the
	 * member works with their default role.
	 */
	@JsonRootName("Member")
	@JsonPropertyOrder({ "User", "Role" })
	record MemberRepresentation(@JsonProperty("User") ResourceReference user,
			@JsonProperty("Role") ResourceReference role) {

		static MemberRepresentation of(ProjectMember member) {
			return new MemberRepresentation(new ResourceReference("User", member.userId(), member.userName()),
					(member.roleId() != null) ? new ResourceReference("Role", member.roleId(), member.roleName())
							: null);
		}

	}

}
