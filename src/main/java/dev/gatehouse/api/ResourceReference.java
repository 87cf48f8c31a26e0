package dev.gatehouse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A reference to another entity in an answer, with attributes in XML:
 * {@code <Role ResourceType="Role" Id="8" Name="Head"/>}.
 *
 * @param resourceType the referenced entity's type
 * @param id its id
 * @param name its name, when it has one
 */
@JsonPropertyOrder({ "ResourceType", "Id", "Name" })
public record ResourceReference(
		@JsonProperty("ResourceType") @JacksonXmlProperty(isAttribute = true) String resourceType,
		@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id, @JsonProperty("Name") @JacksonXmlProperty(
				isAttribute = true) @JsonInclude(JsonInclude.Include.NON_NULL) String name) {

}
