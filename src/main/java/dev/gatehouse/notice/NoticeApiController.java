package dev.gatehouse.notice;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/Notices}: the caller's own notices, newest first.
 */
@RestController
@RequestMapping(path = "/api/v1/Notices",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class NoticeApiController {

	private final NoticeService notices;

	NoticeApiController(NoticeService notices) {
		this.notices = notices;
	}

	@Operation(summary = "The caller's notices, newest first",
			description = "What the server did or saw that concerns the caller (a token revoked, a token used from a"
					+ " new network). Mail says whether it also went out by email: SENT, PENDING, FAILED,"
					+ " NOT_CONFIGURED (no SMTP server) or NO_ADDRESS.")
	@GetMapping
	ResourceCollection<NoticeRepresentation> list(Caller caller, CollectionParameters parameters) {
		return ResourceCollection.of(this.notices.list(caller, parameters).map(NoticeRepresentation::of), "Notices",
				"Notice");
	}

}
