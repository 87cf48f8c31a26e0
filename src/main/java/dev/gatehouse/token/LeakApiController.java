package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Leak response (issue 16): {@code POST /api/v1/AccessTokens/revoke}, open to anyone who
 * found token values, and {@code POST /api/v1/AccessTokens/lookup}, for administrators.
 * Both take values in the body, never in the address, so that no access log keeps them.
 */
@RestController
@RequestMapping(path = "/api/v1/AccessTokens",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class LeakApiController {

	private final LeakResponse leaks;

	LeakApiController(LeakResponse leaks) {
		this.leaks = leaks;
	}

	@Operation(summary = "Report token values found in a public place; every live one is revoked",
			description = "No credential needed, as with GitHub's credential revocation API: a secret scanner or a"
					+ " person who found tokens sends them as Tokens (or credentials, GitHub's name), at most 1,000."
					+ " Every live personal or project token among them is revoked, a service token's owner has their"
					+ " service tokens (and sessions) ended, each owner is told, and the report is audited. The"
					+ " answer is 202 whatever the values were. Limited per address (10 a minute by default).",
			responses = { @ApiResponse(responseCode = "202", description = "Reported"),
					@ApiResponse(responseCode = "400", description = "No values"),
					@ApiResponse(responseCode = "413", description = "More than 1,000 values"),
					@ApiResponse(responseCode = "429", description = "Too many reports from this address") })
	@PostMapping(path = "/revoke", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<Void> revoke(@RequestBody LeakReport report, HttpServletRequest request) {
		this.leaks.report(report.values(), request.getRemoteAddr());
		return ResponseEntity.accepted().build();
	}

	@Operation(summary = "What is this token? For administrators",
			description = "Owner, name, kind, scopes, dates and last use of the token a value belongs to, and whether"
					+ " it is a value replaced by a rotation; 404 if it is no live token. Nothing about any other"
					+ " token. Audited.")
	@PostMapping(path = "/lookup", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	FoundTokenRepresentation lookUp(Caller caller, @RequestBody TokenValue body) {
		return this.leaks.lookUp(caller, body.token())
			.map(FoundTokenRepresentation::of)
			.orElseThrow(() -> new NotFoundException("No live token has this value"));
	}

	/**
	 * A leak report: {@code {"Tokens": [...]}}, or GitHub's {@code {"credentials":
	 * [...]}}.
	 */
	record LeakReport(@JsonProperty("Tokens") List<String> tokens,
			@JsonProperty("credentials") List<String> credentials) {

		List<String> values() {
			List<String> all = new ArrayList<>();
			if (this.tokens != null) {
				all.addAll(this.tokens);
			}
			if (this.credentials != null) {
				all.addAll(this.credentials);
			}
			return all;
		}

		@Override
		public String toString() {
			return "LeakReport[" + values().size() + " values]";
		}

	}

	/**
	 * {@code {"Token": "..."}}.
	 */
	record TokenValue(@JsonProperty("Token") String token) {

		@Override
		public String toString() {
			return "TokenValue[…]";
		}

	}

	/**
	 * A found token in the API.
	 */
	@JsonRootName("Token")
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "Kind", "Id", "Name", "User", "Project", "Scopes", "CreateDate", "ExpirationDate",
			"LastUsedDate", "LastUsedAddress", "LastUsedClient", "ReplacedValueRetireDate" })
	record FoundTokenRepresentation(@JsonProperty("Kind") String kind, @JsonProperty("Id") Long id,
			@JsonProperty("Name") String name, @JsonProperty("User") AccessTokenRepresentation.Owner user,
			@JsonProperty("Project") String project, @JsonProperty("Scopes") List<String> scopes,
			@JsonProperty("CreateDate") Instant createDate, @JsonProperty("ExpirationDate") LocalDate expirationDate,
			@JsonProperty("LastUsedDate") Instant lastUsedDate, @JsonProperty("LastUsedAddress") String lastUsedAddress,
			@JsonProperty("LastUsedClient") String lastUsedClient,
			@JsonProperty("ReplacedValueRetireDate") Instant replacedValueRetireDate) {

		static FoundTokenRepresentation of(FoundToken token) {
			return new FoundTokenRepresentation(token.kind().name(), token.id(), token.name(),
					(token.ownerId() != null) ? new AccessTokenRepresentation.Owner(token.ownerId(), token.ownerLogin())
							: null,
					token.projectKey(),
					(token.scopes() != null) ? token.scopes().stream().sorted().map(Scope::apiName).toList() : null,
					seconds(token.createDate()), token.expirationDate(),
					(token.lastUsed() != null) ? seconds(token.lastUsed().date()) : null,
					(token.lastUsed() != null) ? token.lastUsed().address() : null,
					(token.lastUsed() != null) ? token.lastUsed().client() : null,
					seconds(token.replacedValueRetireDate()));
		}

		private static Instant seconds(Instant instant) {
			return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
		}

	}

}
