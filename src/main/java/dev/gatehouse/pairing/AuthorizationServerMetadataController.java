package dev.gatehouse.pairing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.token.Scope;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OAuth 2.0 Authorization Server Metadata (RFC 8414), so that a standard device-flow
 * client pairs knowing only the server's address. It names what Gatehouse has and no
 * more: the device grant, public clients, Gatehouse's scopes.
 */
@RestController
class AuthorizationServerMetadataController {

	@GetMapping(path = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> metadata(HttpServletRequest request) {
		String issuer = ServletUriComponentsBuilder.fromContextPath(request).toUriString();
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", issuer);
		metadata.put("device_authorization_endpoint", issuer + "/api/oauth2/device_authorization");
		metadata.put("token_endpoint", issuer + "/api/oauth2/token");
		metadata.put("grant_types_supported", List.of(DeviceFlowApiController.DEVICE_CODE_GRANT));
		metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
		// RFC 8414 requires the member; there is no authorization endpoint, hence none.
		metadata.put("response_types_supported", List.of());
		metadata.put("scopes_supported", Arrays.stream(Scope.values()).map(Scope::apiName).toList());
		metadata.put("service_documentation", issuer + "/swagger-ui/index.html");
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(metadata);
	}

}
