package dev.gatehouse.pairing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.TooManyRequestsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The two endpoints of the device grant (RFC 8628), for apps, with no credential: the
 * device authorization endpoint ({@code POST /api/oauth2/device_authorization}) and the
 * token endpoint ({@code POST /api/oauth2/token}, grant type
 * {@code urn:ietf:params:oauth:grant-type:device_code} only). Form-encoded requests, JSON
 * answers, errors as RFC 6749 §5.2 says, never cached.
 */
@RestController
@RequestMapping(path = "/api/oauth2", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
		produces = MediaType.APPLICATION_JSON_VALUE)
class DeviceFlowApiController {

	static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	private final DevicePairing pairing;

	DeviceFlowApiController(DevicePairing pairing) {
		this.pairing = pairing;
	}

	@Operation(summary = "Device authorization endpoint (RFC 8628 §3.1): an app asks for a user code",
			description = "No credential. Form fields: client_id (the app's name; required), device_name (what the"
					+ " user sees as the device; optional), scope (space-separated Gatehouse scopes; default"
					+ " profile:read). Answers device_code, user_code, verification_uri, verification_uri_complete,"
					+ " expires_in (600) and interval (5). Errors as RFC 6749 §5.2; 10 requests a minute per address.",
			requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
					schema = @Schema(implementation = DeviceAuthorizationForm.class))))
	@PostMapping("/device_authorization")
	ResponseEntity<Map<String, Object>> deviceAuthorization(HttpServletRequest request) {
		DevicePairing.Codes codes = this.pairing.authorize(single(request, "client_id"), single(request, "device_name"),
				single(request, "scope"), request.getRemoteAddr());
		String verification = ServletUriComponentsBuilder.fromContextPath(request).path("/pair").toUriString();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("device_code", codes.deviceCode());
		body.put("user_code", codes.userCode());
		body.put("verification_uri", verification);
		body.put("verification_uri_complete", verification + "?code=" + codes.userCode());
		body.put("expires_in", codes.expiresIn());
		body.put("interval", codes.interval());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	@Operation(summary = "Token endpoint (RFC 8628 §3.4): an app polls for its personal access token",
			description = "No credential. Form fields: grant_type (urn:ietf:params:oauth:grant-type:device_code),"
					+ " device_code, client_id. Until the user answers: 400 authorization_pending; polled sooner than"
					+ " the interval: slow_down (the interval grows by 5 s); denied: access_denied; after 10 minutes:"
					+ " expired_token; used already: invalid_grant. Approved: access_token (a gpat_ personal access"
					+ " token), token_type Bearer, expires_in, scope, once.",
			requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
					schema = @Schema(implementation = TokenForm.class))))
	@PostMapping("/token")
	ResponseEntity<Map<String, Object>> token(HttpServletRequest request) {
		String grantType = single(request, "grant_type");
		if (grantType == null) {
			throw new PairingError("invalid_request", "grant_type is required");
		}
		if (!DEVICE_CODE_GRANT.equals(grantType)) {
			throw new PairingError("unsupported_grant_type", "Only " + DEVICE_CODE_GRANT + " is supported");
		}
		DevicePairing.Collected collected = this.pairing.poll(single(request, "device_code"),
				single(request, "client_id"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", collected.accessToken());
		body.put("token_type", "Bearer");
		if (collected.expiresIn() != null) {
			body.put("expires_in", collected.expiresIn());
		}
		body.put("scope", collected.scope());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
	}

	@ExceptionHandler(PairingError.class)
	ResponseEntity<Map<String, Object>> refused(PairingError error) {
		return error(error.error(), error.getMessage());
	}

	/**
	 * The owner lost the right to tokens between the check and the issue.
	 */
	@ExceptionHandler(AccessRefusedException.class)
	ResponseEntity<Map<String, Object>> refused(AccessRefusedException refused) {
		return error("access_denied", refused.getMessage());
	}

	/**
	 * A request the rules of a token refuse, in the words of RFC 6749 too.
	 */
	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<Map<String, Object>> refused(InvalidRequestException refused) {
		return error("invalid_request", refused.getMessage());
	}

	/**
	 * Too many requests from the address: 429 with {@code Retry-After}, and a body an
	 * OAuth client can read.
	 */
	@ExceptionHandler(TooManyRequestsException.class)
	ResponseEntity<Map<String, Object>> refused(TooManyRequestsException refused) {
		return errorAnswer(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(refused.retryAfterSeconds()))
			.body(body("slow_down", refused.getMessage()));
	}

	private static ResponseEntity<Map<String, Object>> error(String error, String description) {
		return errorAnswer(HttpStatus.BAD_REQUEST).body(body(error, description));
	}

	/**
	 * An error answer as RFC 6749 §5.2 shapes it: JSON, never cached.
	 */
	private static ResponseEntity.BodyBuilder errorAnswer(HttpStatus status) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore());
	}

	private static Map<String, Object> body(String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return body;
	}

	/**
	 * The form of the device authorization request, for the OpenAPI description.
	 */
	record DeviceAuthorizationForm(String client_id, String device_name, String scope) {
	}

	/**
	 * The form of the token request, for the OpenAPI description.
	 */
	record TokenForm(String grant_type, String device_code, String client_id) {
	}

	/**
	 * A parameter, which RFC 6749 §3.1 allows once at most.
	 */
	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw new PairingError("invalid_request", name + " must be sent once");
		}
		return values[0];
	}

}
