package dev.gatehouse.webhook;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/Settings/Webhooks}: administrators register, list and remove webhooks
 * and read their deliveries.
 */
@RestController
@RequestMapping(path = "/api/v1/Settings/Webhooks",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class WebhookApiController {

	private final WebhookService webhooks;

	WebhookApiController(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping
	Webhooks list(Caller caller) {
		return new Webhooks(
				this.webhooks.list(caller).stream().map((webhook) -> WebhookRepresentation.of(webhook, null)).toList());
	}

	@Operation(summary = "Register a webhook; the answer alone carries its signing secret",
			description = "Url: http or https, not on this machine or the local network unless"
					+ " GATEHOUSE_WEBHOOKS_ALLOW_LOCAL_ADDRESSES=true. Events are signed the Standard Webhooks way"
					+ " (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of"
					+ " id.timestamp.body under the secret>); docs/webhooks.md has a verification snippet.")
	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<WebhookRepresentation> register(Caller caller, @RequestBody WebhookWrite body) {
		WebhookService.Registered registered = this.webhooks.register(caller, body.url());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(WebhookRepresentation.of(registered.webhook(), registered.secret()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		this.webhooks.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/Deliveries")
	Deliveries deliveries(Caller caller, @PathVariable long id) {
		return new Deliveries(this.webhooks.deliveries(caller, id).stream().map(DeliveryRepresentation::of).toList());
	}

	/**
	 * {@code {"Url": "https://..."}}.
	 */
	record WebhookWrite(@JsonProperty("Url") String url) {
	}

	@JsonRootName("Webhooks")
	record Webhooks(@JsonProperty("Items") @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(
			localName = "Webhook") List<WebhookRepresentation> items) {
	}

	@JsonRootName("Webhook")
	@JsonPropertyOrder({ "Id", "Url", "Secret", "CreateDate" })
	record WebhookRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
			@JsonProperty("Url") String url,
			@JsonProperty("Secret") @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
			@JsonProperty("CreateDate") Instant createDate) {

		static WebhookRepresentation of(Webhook webhook, String secret) {
			return new WebhookRepresentation(webhook.id(), webhook.url(), secret,
					webhook.createDate().truncatedTo(ChronoUnit.SECONDS));
		}

		@Override
		public String toString() {
			return "WebhookRepresentation[" + this.id + "]";
		}

	}

	@JsonRootName("Deliveries")
	record Deliveries(@JsonProperty("Items") @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(
			localName = "Delivery") List<DeliveryRepresentation> items) {
	}

	@JsonRootName("Delivery")
	@JsonPropertyOrder({ "Id", "MessageId", "Event", "CreateDate", "Attempts", "State", "NextAttemptDate", "LastStatus",
			"LastError" })
	record DeliveryRepresentation(@JsonProperty("Id") long id, @JsonProperty("MessageId") String messageId,
			@JsonProperty("Event") String event, @JsonProperty("CreateDate") Instant createDate,
			@JsonProperty("Attempts") int attempts, @JsonProperty("State") String state,
			@JsonProperty("NextAttemptDate") Instant nextAttemptDate, @JsonProperty("LastStatus") Integer lastStatus,
			@JsonProperty("LastError") String lastError) {

		static DeliveryRepresentation of(WebhookDelivery delivery) {
			return new DeliveryRepresentation(delivery.id(), delivery.messageId(), delivery.event(),
					delivery.createDate().truncatedTo(ChronoUnit.SECONDS), delivery.attempts(), delivery.state(),
					(delivery.nextAttemptDate() != null) ? delivery.nextAttemptDate().truncatedTo(ChronoUnit.SECONDS)
							: null,
					delivery.lastStatus(), delivery.lastError());
		}

	}

}
