package dev.gatehouse.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.settings.SettingsService.SettingsChanges;
import dev.gatehouse.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/Settings/ServiceTokens}: for administrators retiring legacy service
 * tokens, who still uses them and from where, and the switch that refuses them all.
 */
@RestController
@RequestMapping(path = "/api/v1/Settings/ServiceTokens",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class ServiceTokenAdministrationApiController {

	private final ServiceTokenUses uses;

	private final SettingsService settings;

	ServiceTokenAdministrationApiController(ServiceTokenUses uses, SettingsService settings) {
		this.uses = uses;
		this.settings = settings;
	}

	@Operation(summary = "Whether service tokens are accepted, and who used one in the last 30 days",
			description = "Uses: one line per user, address and client, the latest first (at most 1,000).")
	@GetMapping
	ServiceTokens get(Caller caller) {
		List<Use> recent = this.uses.recent(caller).stream().map(Use::of).toList();
		return new ServiceTokens(this.settings.current().serviceTokensEnabled(), recent);
	}

	@Operation(summary = "Switch service tokens on or off for the organisation",
			description = "Off, every service token is refused with 401 and a message naming personal access tokens,"
					+ " and none is issued (403).")
	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ServiceTokens set(Caller caller, @RequestBody Switch body) {
		caller.requireAdministrator("switch service tokens on or off");
		if (body.enabled() == null) {
			throw new InvalidRequestException("Enabled is required: true or false");
		}
		this.settings.update(caller, SettingsChanges.serviceTokens(body.enabled()));
		return get(caller);
	}

	record Switch(@JsonProperty("Enabled") Boolean enabled) {
	}

	@JsonRootName("ServiceTokens")
	@JsonPropertyOrder({ "Enabled", "Uses" })
	record ServiceTokens(@JsonProperty("Enabled") boolean enabled, @JsonProperty("Uses") @JacksonXmlElementWrapper(
			localName = "Uses") @JacksonXmlProperty(localName = "Use") List<Use> uses) {
	}

	@JsonPropertyOrder({ "User", "Address", "Client", "FirstUsedDate", "LastUsedDate", "Count" })
	record Use(@JsonProperty("User") AccessTokenRepresentation.Owner user, @JsonProperty("Address") String address,
			@JsonProperty("Client") String client, @JsonProperty("FirstUsedDate") Instant firstUsedDate,
			@JsonProperty("LastUsedDate") Instant lastUsedDate, @JsonProperty("Count") long count) {

		static Use of(ServiceTokenUse use) {
			return new Use(new AccessTokenRepresentation.Owner(use.userId(), use.login()), use.address(), use.client(),
					use.firstUsedDate().truncatedTo(ChronoUnit.SECONDS),
					use.lastUsedDate().truncatedTo(ChronoUnit.SECONDS), use.uses());
		}

	}

}
