package dev.gatehouse.settings;

import dev.gatehouse.identity.Caller;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/Settings}, for administrators.
 */
@RestController
@RequestMapping(path = "/api/v1/Settings",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class SettingsApiController {

	private final SettingsService settings;

	SettingsApiController(SettingsService settings) {
		this.settings = settings;
	}

	@GetMapping
	SettingsRepresentation get(Caller caller) {
		caller.requireAdministrator("read the organisation settings");
		return SettingsRepresentation.of(this.settings.current());
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	SettingsRepresentation update(Caller caller, @RequestBody SettingsWrite body) {
		return SettingsRepresentation.of(this.settings.update(caller, body.toChanges()));
	}

}
