package dev.gatehouse.user;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.NotFoundException;

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
 * {@code /api/v1/Users}: everyone may read; administrators create, change and delete.
 */
@RestController
@RequestMapping(path = "/api/v1/Users",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class UserApiController {

	private final UserService users;

	private final UserDirectory directory;

	UserApiController(UserService users, UserDirectory directory) {
		this.users = users;
		this.directory = directory;
	}

	@GetMapping
	ResourceCollection<UserRepresentation> list(Caller caller, CollectionParameters parameters) {
		return ResourceCollection.of(this.users.list(caller, parameters).map(UserRepresentation::of), "Users", "User");
	}

	@GetMapping("/LoggedUser")
	UserRepresentation loggedUser(Caller caller) {
		// From memory: scripts poll this, and it must cost no database work.
		return UserRepresentation.of(this.directory.find(caller.userId())
			.map(UserDirectory.UserAccess::user)
			.orElseThrow(() -> NotFoundException.of("User", caller.userId())));
	}

	@GetMapping("/{id}")
	UserRepresentation get(@PathVariable long id) {
		return UserRepresentation.of(this.users.get(id));
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<UserRepresentation> create(Caller caller, @RequestBody UserWrite body) {
		User user = this.users.create(caller, body.toChanges());
		return ResponseEntity.status(HttpStatus.CREATED).body(UserRepresentation.of(user));
	}

	@PostMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	UserRepresentation update(Caller caller, @PathVariable long id, @RequestBody UserWrite body) {
		return UserRepresentation.of(this.users.update(caller, id, body.toChanges()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		this.users.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

}
