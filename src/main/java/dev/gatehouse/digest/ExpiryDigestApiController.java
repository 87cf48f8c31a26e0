package dev.gatehouse.digest;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/Settings/ExpiryDigest}: administrators send today's expiry digest
 * now, as when trying a webhook; it still goes out once a day.
 */
@RestController
@RequestMapping(path = "/api/v1/Settings/ExpiryDigest",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class ExpiryDigestApiController {

	private final ExpiryDigest digest;

	ExpiryDigestApiController(ExpiryDigest digest) {
		this.digest = digest;
	}

	@Operation(summary = "Send today's expiry digest now, unless it went out today",
			description = "Sent is false when today's digest went out before (on any node); Recipients counts the"
					+ " people told, Webhooks the webhooks posted to. With dryRun=true nothing is sent: Recipients"
					+ " says how many people today's digest tells.")
	@PostMapping
	OutcomeRepresentation send(Caller caller, @RequestParam(defaultValue = "false") boolean dryRun) {
		ExpiryDigest.Outcome outcome = this.digest.sendNow(caller, dryRun);
		return new OutcomeRepresentation(outcome.day(), outcome.sent(), outcome.recipients(), outcome.webhooks());
	}

	@JsonRootName("ExpiryDigest")
	@JsonPropertyOrder({ "Day", "Sent", "Recipients", "Webhooks" })
	record OutcomeRepresentation(@JsonProperty("Day") LocalDate day, @JsonProperty("Sent") boolean sent,
			@JsonProperty("Recipients") int recipients, @JsonProperty("Webhooks") int webhooks) {
	}

}
