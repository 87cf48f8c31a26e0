package dev.gatehouse.timetracking;

import java.util.List;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;
import io.swagger.v3.oas.annotations.Operation;

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
 * {@code /api/v1/Timers}: the caller's running timer (issue 17). {@code GET} lists it
 * (none or one); {@code POST} starts one, stopping the one running; {@code POST
 * /{id}/stop} stops it and answers the time entry it logged; {@code DELETE /{id}}
 * discards it.
 */
@RestController
@RequestMapping(path = "/api/v1/Timers",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class TimerApiController {

	private final TimerService timers;

	TimerApiController(TimerService timers) {
		this.timers = timers;
	}

	@GetMapping
	ResourceCollection<TimerRepresentation> list(Caller caller) {
		List<TimerRepresentation> running = this.timers.running(caller)
			.map((timer) -> TimerRepresentation.of(timer, this.timers.now(), null))
			.stream()
			.toList();
		return ResourceCollection.of(new CollectionPage<>(running, 0, 1, false), "Timers", "Timer");
	}

	@GetMapping("/{id}")
	TimerRepresentation get(Caller caller, @PathVariable long id) {
		return TimerRepresentation.of(this.timers.get(caller, id), this.timers.now(), null);
	}

	@Operation(summary = "Start a timer on a user story; a timer already running is stopped and logged first",
			description = "UserStory required; Description, Billable, TimeZone (IANA name, e.g. Europe/Paris; the"
					+ " server's default otherwise) optional. StoppedTime, when present, is the entry the previous"
					+ " timer logged. 409 without a working service account, which stops timers at the limit and"
					+ " at midnight.")
	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<TimerRepresentation> start(Caller caller, @RequestBody TimerWrite body) {
		TimerService.Started started = this.timers.start(caller, body.toStart());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(TimerRepresentation.of(started.timer(), this.timers.now(), started.stopped()));
	}

	@Operation(summary = "Stop the timer and log its time; answers the time entry")
	@PostMapping("/{id}/stop")
	TimeRepresentation stop(Caller caller, @PathVariable long id) {
		return TimeRepresentation.of(this.timers.stop(caller, id));
	}

	@Operation(summary = "Discard the timer; nothing is logged")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> discard(Caller caller, @PathVariable long id) {
		this.timers.discard(caller, id);
		return ResponseEntity.noContent().build();
	}

}
