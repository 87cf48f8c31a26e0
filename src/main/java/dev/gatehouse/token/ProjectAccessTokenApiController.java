package dev.gatehouse.token;

import java.time.LocalDate;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.token.ProjectAccessTokenService.IssuedProjectToken;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/Projects/{key}/AccessTokens} (SPEC §5, §10): a project's access tokens,
 * for its administrators. Expired tokens are listed with {@code showExpired=true} only.
 */
@RestController
@RequestMapping(path = "/api/v1/Projects/{key}/AccessTokens",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class ProjectAccessTokenApiController {

	private final ProjectAccessTokenService tokens;

	ProjectAccessTokenApiController(ProjectAccessTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	ResourceCollection<ProjectAccessTokenRepresentation> list(Caller caller, @PathVariable String key,
			@RequestParam(defaultValue = "false") boolean showExpired, CollectionParameters parameters) {
		LocalDate today = this.tokens.today();
		return ResourceCollection.of(
				this.tokens.list(caller, key, showExpired, parameters)
					.map((token) -> ProjectAccessTokenRepresentation.of(token, today, null)),
				"AccessTokens", "AccessToken");
	}

	@GetMapping("/{id}")
	ProjectAccessTokenRepresentation get(Caller caller, @PathVariable String key, @PathVariable long id) {
		return ProjectAccessTokenRepresentation.of(this.tokens.get(caller, key, id), this.tokens.today(), null);
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<ProjectAccessTokenRepresentation> create(Caller caller, @PathVariable String key,
			@RequestBody ProjectAccessTokenWrite body) {
		IssuedProjectToken issued = this.tokens.create(caller, key, body.name(), body.expirationDate());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ProjectAccessTokenRepresentation.of(issued.token(), this.tokens.today(), issued.value()));
	}

	@Operation(summary = "Give a project access token a new value; the answer alone carries it",
			description = "By a project administrator in person (the lifetime starts again) or by the token itself,"
					+ " so that CI renews its own upload token (it keeps its expiration date). The replaced value"
					+ " keeps working for OverlapMinutes (default 24 hours) or until the new value is first used;"
					+ " presented after that, it revokes the token.")
	@PostMapping("/{id}/rotate")
	ProjectAccessTokenRepresentation rotate(@AuthenticationPrincipal Object principal, @PathVariable String key,
			@PathVariable long id, @RequestBody(required = false) RotationWrite body) {
		IssuedProjectToken issued;
		if (principal instanceof ProjectAccessToken presented) {
			issued = this.tokens.rotateItself(presented, key, id, RotationWrite.overlapOf(body));
		}
		else if (principal instanceof Caller caller) {
			issued = this.tokens.rotate(caller, key, id, RotationWrite.overlapOf(body));
		}
		else {
			throw new AccessRefusedException("Only a project administrator or the token itself can rotate it");
		}
		return ProjectAccessTokenRepresentation.of(issued.token(), this.tokens.today(), issued.value());
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String key, @PathVariable long id) {
		this.tokens.delete(caller, key, id);
		return ResponseEntity.noContent().build();
	}

}
