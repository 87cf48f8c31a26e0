package dev.gatehouse.serviceaccount;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.system.InvalidRequestException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/ServiceAccount} (SPEC §10), for administrators: set oneself as service
 * account with one of one's tokens, stop using it, and its status.
 */
@RestController
@RequestMapping(path = "/api/v1/ServiceAccount",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class ServiceAccountApiController {

	private final ServiceAccountService serviceAccount;

	ServiceAccountApiController(ServiceAccountService serviceAccount) {
		this.serviceAccount = serviceAccount;
	}

	@GetMapping("/status")
	ServiceAccountStatusRepresentation status(Caller caller) {
		caller.requireAdministrator("see the service account");
		return ServiceAccountStatusRepresentation.of(this.serviceAccount.status());
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ServiceAccountStatusRepresentation set(Caller caller, @RequestBody ServiceAccountWrite body) {
		if (body.accessToken() == null) {
			throw new InvalidRequestException("AccessToken is required: {\"AccessToken\": {\"Id\": n}}, one of your"
					+ " tokens with profile:read, identity:read, work_items:read and work_items:write (and time:write,"
					+ " for server-side timers)");
		}
		return ServiceAccountStatusRepresentation
			.of(this.serviceAccount.setMyself(caller, body.accessToken().requireId("AccessToken")));
	}

	@DeleteMapping
	ResponseEntity<Void> clear(Caller caller) {
		this.serviceAccount.clear(caller);
		return ResponseEntity.noContent().build();
	}

}
