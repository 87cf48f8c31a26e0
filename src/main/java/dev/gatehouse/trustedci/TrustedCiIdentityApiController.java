package dev.gatehouse.trustedci;

import java.util.List;

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
 * {@code /api/v1/Projects/{key}/TrustedCiIdentities}: the CI identities a project trusts
 * to upload snapshots, for its administrators.
 */
@RestController
@RequestMapping(path = "/api/v1/Projects/{key}/TrustedCiIdentities",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class TrustedCiIdentityApiController {

	private final TrustedCiIdentityService identities;

	TrustedCiIdentityApiController(TrustedCiIdentityService identities) {
		this.identities = identities;
	}

	@GetMapping
	ResourceCollection<TrustedCiIdentityRepresentation> list(Caller caller, @PathVariable String key) {
		List<TrustedCiIdentityRepresentation> items = this.identities.list(caller, key)
			.stream()
			.map(TrustedCiIdentityRepresentation::of)
			.toList();
		return ResourceCollection.of(new CollectionPage<>(items, 0, items.size(), false), "TrustedCiIdentities",
				"TrustedCiIdentity");
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<TrustedCiIdentityRepresentation> add(Caller caller, @PathVariable String key,
			@RequestBody TrustedCiIdentityWrite body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(TrustedCiIdentityRepresentation.of(this.identities.add(caller, key, body.toRequest())));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> remove(Caller caller, @PathVariable String key, @PathVariable long id) {
		this.identities.remove(caller, key, id);
		return ResponseEntity.noContent().build();
	}

}
