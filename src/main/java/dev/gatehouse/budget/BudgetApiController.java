package dev.gatehouse.budget;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.InvalidRequestException;

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
 * {@code /api/v1/Budgets}: the budgets of the projects the caller sees, with the hours
 * tracked; administrators set, change and delete them.
 */
@RestController
@RequestMapping(path = "/api/v1/Budgets",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class BudgetApiController {

	private final BudgetService budgets;

	BudgetApiController(BudgetService budgets) {
		this.budgets = budgets;
	}

	@GetMapping
	ResourceCollection<BudgetRepresentation> list(Caller caller, CollectionParameters parameters) {
		return ResourceCollection.of(this.budgets.list(caller, parameters).map(BudgetRepresentation::of), "Budgets",
				"Budget");
	}

	@GetMapping("/{id}")
	BudgetRepresentation get(Caller caller, @PathVariable long id) {
		return BudgetRepresentation.of(this.budgets.get(caller, id));
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<BudgetRepresentation> create(Caller caller, @RequestBody BudgetWrite body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(BudgetRepresentation
				.of(this.budgets.create(caller, body.projectId(), body.userStoryId(), body.hours())));
	}

	@PostMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	BudgetRepresentation update(Caller caller, @PathVariable long id, @RequestBody BudgetWrite body) {
		if (body.project() != null || body.userStory() != null) {
			throw new InvalidRequestException("A budget's Project and UserStory cannot change; only its Hours");
		}
		return BudgetRepresentation.of(this.budgets.update(caller, id, body.hours()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		this.budgets.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

}
