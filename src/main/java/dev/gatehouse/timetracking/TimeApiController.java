package dev.gatehouse.timetracking;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;

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
 * {@code /api/v1/Times}: the caller's time entries (administrators: everyone's), filtered
 * with {@code where}, e.g. {@code (Date gte '2026-11-01') and (Project.Key eq 'APOLLO')}.
 */
@RestController
@RequestMapping(path = "/api/v1/Times",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class TimeApiController {

	private final TimeEntryService times;

	TimeApiController(TimeEntryService times) {
		this.times = times;
	}

	@GetMapping
	ResourceCollection<TimeRepresentation> list(Caller caller, CollectionParameters parameters) {
		return ResourceCollection.of(this.times.list(caller, parameters).map(TimeRepresentation::of), "Times", "Time");
	}

	@GetMapping("/{id}")
	TimeRepresentation get(Caller caller, @PathVariable long id) {
		return TimeRepresentation.of(this.times.get(caller, id));
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<TimeRepresentation> create(Caller caller, @RequestBody TimeWrite body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(TimeRepresentation.of(this.times.create(caller, body.toChanges())));
	}

	@PostMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	TimeRepresentation update(Caller caller, @PathVariable long id, @RequestBody TimeWrite body) {
		return TimeRepresentation.of(this.times.update(caller, id, body.toChanges()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		this.times.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

}
