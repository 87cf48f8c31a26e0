package dev.gatehouse.workitem;

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
 * {@code /api/v1/UserStories}: the stories of the projects the caller may see.
 */
@RestController
@RequestMapping(path = "/api/v1/UserStories",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class UserStoryApiController {

	private final UserStoryService stories;

	UserStoryApiController(UserStoryService stories) {
		this.stories = stories;
	}

	@GetMapping
	ResourceCollection<UserStoryRepresentation> list(Caller caller, CollectionParameters parameters) {
		return ResourceCollection.of(this.stories.list(caller, parameters).map(UserStoryRepresentation::of),
				"UserStories", "UserStory");
	}

	@GetMapping("/{id}")
	UserStoryRepresentation get(Caller caller, @PathVariable long id) {
		return UserStoryRepresentation.of(this.stories.get(caller, id));
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<UserStoryRepresentation> create(Caller caller, @RequestBody UserStoryWrite body) {
		UserStory story = this.stories.create(caller, body.toChanges());
		return ResponseEntity.status(HttpStatus.CREATED).body(UserStoryRepresentation.of(story));
	}

	@PostMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	UserStoryRepresentation update(Caller caller, @PathVariable long id, @RequestBody UserStoryWrite body) {
		return UserStoryRepresentation.of(this.stories.update(caller, id, body.toChanges()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		this.stories.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

}
