package dev.gatehouse.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The smallest application that does what Gatehouse's hot path does: a stateless security
 * chain, an opaque bearer token hashed with SHA-256 and looked up in memory, a JSON answer
 * naming the caller, 401 for anything else. Gatehouse's benchmark takes its ratios against
 * this, in the same run.
 */
@SpringBootApplication
@RestController
public class ReferenceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReferenceApplication.class, args);
	}

	@GetMapping("/health")
	Map<String, String> health() {
		return Map.of("status", "UP");
	}

	@GetMapping("/me")
	Map<String, Object> me(Authentication caller) {
		return Map.of("Login", caller.getName(), "Kind", "User");
	}

	@Bean
	SecurityFilterChain chain(HttpSecurity http, @Value("${reference.tokens:}") List<String> tokens)
			throws Exception {
		Map<String, String> owners = new ConcurrentHashMap<>();
		for (String token : tokens) {
			owners.put(sha256(token), "bench");
		}
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/health")
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterBefore(new BearerToken(owners), AnonymousAuthenticationFilter.class)
			.build();
	}

	static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static final class BearerToken extends OncePerRequestFilter {

		private final Map<String, String> owners;

		BearerToken(Map<String, String> owners) {
			this.owners = owners;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			if (header != null && header.startsWith("Bearer ")) {
				String owner = this.owners.get(sha256(header.substring(7)));
				if (owner == null) {
					response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
					response.setHeader("WWW-Authenticate", "Bearer");
					response.setContentType("application/json");
					response.getWriter().write("{\"Status\":401,\"Message\":\"Invalid token\"}");
					return;
				}
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(owner, null, List.of()));
			}
			chain.doFilter(request, response);
		}

	}

}
