package dev.gatehouse.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/Authentication} (SPEC §3): the caller's service token, or with
 * {@code ?login=} (administrators) another user's, {@code System} included.
 */
@RestController
@RequestMapping(path = "/api/v1/Authentication",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class AuthenticationApiController {

	private final ServiceTokenService serviceTokens;

	AuthenticationApiController(ServiceTokenService serviceTokens) {
		this.serviceTokens = serviceTokens;
	}

	@GetMapping
	@Operation(summary = "Your service token (administrators: another user's with login=)",
			description = "Needs a session or the password (HTTP Basic): every kind of token gets 403, since no token may obtain another credential.")
	ServiceTokenRepresentation get(Caller caller, @RequestParam(required = false) String login) {
		return new ServiceTokenRepresentation(this.serviceTokens.issue(caller, login));
	}

	/**
	 * {@code <Authentication Token="..."/>}, in JSON {@code {"Token": "..."}}.
	 *
	 * @param token the service token
	 */
	@JsonRootName("Authentication")
	record ServiceTokenRepresentation(@JsonProperty("Token") @JacksonXmlProperty(isAttribute = true) String token) {

		@Override
		public String toString() {
			return "ServiceTokenRepresentation[…]";
		}

	}

}
