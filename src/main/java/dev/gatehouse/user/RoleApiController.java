package dev.gatehouse.user;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Role;
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
 * {@code /api/v1/Roles}: everyone may read; administrators manage them.
 */
@RestController
@RequestMapping(path = "/api/v1/Roles",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class RoleApiController {

	private final RoleService roles;

	RoleApiController(RoleService roles) {
		this.roles = roles;
	}

	@GetMapping
	ResourceCollection<RoleRepresentation> list(CollectionParameters parameters) {
		return ResourceCollection.of(this.roles.list(parameters).map(RoleRepresentation::of), "Roles", "Role");
	}

	@GetMapping("/{id}")
	RoleRepresentation get(@PathVariable long id) {
		return RoleRepresentation.of(this.roles.get(id));
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<RoleRepresentation> create(Caller caller, @RequestBody RoleWrite body) {
		Role role = this.roles.create(caller, body.name(), body.permissionSet());
		return ResponseEntity.status(HttpStatus.CREATED).body(RoleRepresentation.of(role));
	}

	@PostMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	RoleRepresentation update(Caller caller, @PathVariable long id, @RequestBody RoleWrite body) {
		return RoleRepresentation.of(this.roles.update(caller, id, body.name(), body.permissionSet()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		this.roles.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

}
