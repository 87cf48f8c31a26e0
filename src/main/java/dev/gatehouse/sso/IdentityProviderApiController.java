package dev.gatehouse.sso;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;

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
 * {@code /api/v1/Settings/IdentityProviders}: the single sign-on providers, for
 * administrators.
 */
@RestController
@RequestMapping(path = "/api/v1/Settings/IdentityProviders",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class IdentityProviderApiController {

	private final IdentityProviderService providers;

	IdentityProviderApiController(IdentityProviderService providers) {
		this.providers = providers;
	}

	@GetMapping
	ResourceCollection<IdentityProviderRepresentation> list(Caller caller) {
		var items = this.providers.list(caller).stream().map(IdentityProviderRepresentation::of).toList();
		return ResourceCollection.of(new CollectionPage<>(items, 0, items.size(), false), "IdentityProviders",
				"IdentityProvider");
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<IdentityProviderRepresentation> add(Caller caller, @RequestBody IdentityProviderWrite body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(IdentityProviderRepresentation.of(this.providers.add(caller, body.toRequest())));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> remove(Caller caller, @PathVariable long id) {
		this.providers.remove(caller, id);
		return ResponseEntity.noContent().build();
	}

}
