package dev.gatehouse.trustedci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.trustedci.TrustedCiIdentityService.NewTrustedCiIdentity;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * The body of {@code POST /api/v1/Projects/{key}/TrustedCiIdentities}: {@code Name},
 * {@code Issuer}, {@code Audience} and {@code Claims} (a list of {@code Claim} and
 * {@code Value}) are all required.
 */
record TrustedCiIdentityWrite(@JsonProperty("Name") String name, @JsonProperty("Issuer") String issuer,
		@JsonProperty("Audience") String audience, @JsonProperty("Claims") @JacksonXmlElementWrapper(
				localName = "Claims") @JacksonXmlProperty(localName = "Rule") List<ClaimRule> claims) {

	NewTrustedCiIdentity toRequest() {
		Map<String, String> rules = new LinkedHashMap<>();
		if (this.claims != null) {
			for (ClaimRule rule : this.claims) {
				if (rule == null || rules.put(rule.claim(), rule.value()) != null) {
					throw new InvalidRequestException("Each claim may have one rule, with Claim and Value");
				}
			}
		}
		return new NewTrustedCiIdentity(this.name, this.issuer, this.audience, rules);
	}

}
