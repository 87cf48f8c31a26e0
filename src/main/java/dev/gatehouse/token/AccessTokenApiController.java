package dev.gatehouse.token;

import java.time.LocalDate;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.token.PersonalAccessTokenService.IssuedToken;
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
 * {@code /api/v1/AccessTokens} (SPEC §4.10): owners manage their tokens; administrators
 * see and delete everyone's, but create tokens only for themselves.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class AccessTokenApiController {

	private final PersonalAccessTokenService tokens;

	AccessTokenApiController(PersonalAccessTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/AccessTokens")
	ResourceCollection<AccessTokenRepresentation> list(Caller caller, CollectionParameters parameters) {
		LocalDate today = this.tokens.today();
		var page = caller.mayAdminister() ? this.tokens.listAll(caller, parameters)
				: this.tokens.listOwn(caller, parameters);
		return ResourceCollection.of(page.map((token) -> AccessTokenRepresentation.of(token, today)), "AccessTokens",
				"AccessToken");
	}

	@GetMapping("/AccessTokens/{id}")
	AccessTokenRepresentation get(Caller caller, @PathVariable long id) {
		return AccessTokenRepresentation.of(this.tokens.get(caller, id), this.tokens.today());
	}

	@Operation(summary = "A token's usage log, newest first",
			description = "For its owner and administrators: each line counts identical uses within one minute (Date,"
					+ " Address, Client, Method, the Route template, and the Transport: BEARER, ACCESS_TOKEN_PARAMETER or"
					+ " BASIC_PASSWORD). Written in batches, so a use appears within the flush interval (15 s); kept"
					+ " 30 days by default. Filterable: Date Address Client Method Route Transport.")
	@GetMapping("/AccessTokens/{id}/Uses")
	ResourceCollection<TokenUseRepresentation> uses(Caller caller, @PathVariable long id,
			CollectionParameters parameters) {
		return ResourceCollection.of(this.tokens.uses(caller, id, parameters).map(TokenUseRepresentation::of), "Uses",
				"Use");
	}

	@Operation(summary = "Create a personal access token; the answer alone carries its value",
			description = "Needs a session or the password (HTTP Basic): every kind of token gets 403, since no token may obtain another credential.")
	@PostMapping(path = "/AccessTokens",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<AccessTokenRepresentation> create(Caller caller, @RequestBody AccessTokenWrite body) {
		if (body.user() != null && body.user().id() != null && body.user().id() != caller.userId()) {
			throw new AccessRefusedException("Access tokens are created by their owner only");
		}
		IssuedToken issued = this.tokens.create(caller, body.name(), body.scopeSet(), body.expirationDate());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(AccessTokenRepresentation.of(issued.token(), this.tokens.today(), issued.value()));
	}

	@Operation(summary = "Give a personal access token a new value; the answer alone carries it",
			description = "By the owner in person (session or password: the token's lifetime starts again) or by the"
					+ " token itself, whatever its scopes (it keeps its expiration date). The replaced value keeps"
					+ " working for OverlapMinutes (default 24 hours) or until the new value is first used, whichever"
					+ " comes first; presented after that, it revokes the token (reuse detection). 404 for a token"
					+ " of someone else, 409 for an expired one, 403 for another token than the one sent.")
	@PostMapping("/AccessTokens/{id}/rotate")
	AccessTokenRepresentation rotate(Caller caller, @PathVariable long id,
			@RequestBody(required = false) RotationWrite body) {
		IssuedToken issued = this.tokens.rotate(caller, id, RotationWrite.overlapOf(body));
		return AccessTokenRepresentation.of(issued.token(), this.tokens.today(), issued.value());
	}

	@DeleteMapping("/AccessTokens/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		this.tokens.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/Users/{userId}/AccessTokens")
	ResponseEntity<Void> deleteAllOfUser(Caller caller, @PathVariable long userId) {
		this.tokens.deleteAllOfUser(caller, userId);
		return ResponseEntity.noContent().build();
	}

}
