package dev.gatehouse.trustedci;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * One rule of a trusted CI identity in the API: the claim and the value it must have
 * ({@code *} matches any characters). A list of these rather than an object, since claim
 * names such as {@code repo:x} are no XML element names.
 *
 * @param claim the claim's name
 * @param value the value it must have
 */
record ClaimRule(@JsonProperty("Claim") @JacksonXmlProperty(isAttribute = true) String claim,
		@JsonProperty("Value") @JacksonXmlProperty(isAttribute = true) String value) {

}
