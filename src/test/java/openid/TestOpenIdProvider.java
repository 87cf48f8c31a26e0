package openid;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID provider for the tests: Spring Authorization Server on its own port, with
 * a form login for its users, issuing ID tokens with the email claims a test chose. It
 * lives outside {@code dev.gatehouse} so that Gatehouse's own component scan never sees
 * it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
public class TestOpenIdProvider {

	/** The provider's users' claims, by user name. */
	static final Map<String, Map<String, Object>> claims = new ConcurrentHashMap<>();

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain signIn(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

	/** Puts the security filter chains in front of the container. */
	@Bean
	DelegatingFilterProxyRegistrationBean securityFilters() {
		return new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	InMemoryRegisteredClientRepository clients() {
		// The repository needs one client to start with.
		return new InMemoryRegisteredClientRepository(RegisteredClient.withId("placeholder")
			.clientId("placeholder")
			.clientSecret("{noop}" + UUID.randomUUID())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build());
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
		return (context) -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				claims.getOrDefault(context.getPrincipal().getName(), Map.of())
					.forEach((name, value) -> context.getClaims().claim(name, value));
			}
		};
	}

	@Bean
	JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().build();
	}

	/**
	 * Starts a provider on a free port.
	 * @return the running provider
	 */
	public static Running start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestOpenIdProvider.class)
			.web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--spring.config.name=openid-test-provider", "--spring.main.banner-mode=off",
					"--server.servlet.session.cookie.name=PROVIDER_SESSION",
					// Filters run only for a request some servlet maps: the endpoints are
					// all filters.
					"--server.servlet.register-default-servlet=true");
		return new Running(context);
	}

	/**
	 * A provider that runs.
	 */
	public static final class Running implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		Running(ConfigurableApplicationContext context) {
			this.context = context;
		}

		/** As the provider's discovery document names itself. */
		public String issuer() {
			return "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port");
		}

		/**
		 * Adds a user who signs in with this password and whose ID tokens carry these
		 * claims (e.g. {@code email}, {@code email_verified},
		 * {@code preferred_username}).
		 */
		public void addUser(String name, String password, Map<String, Object> idTokenClaims) {
			this.context.getBean(InMemoryUserDetailsManager.class)
				.createUser(User.withUsername(name).password("{noop}" + password).roles("USER").build());
			claims.put(name, idTokenClaims);
		}

		/**
		 * Registers a confidential client for the authorization code flow with PKCE; the
		 * redirect URI on 127.0.0.1 matches any port (RFC 8252), others must match
		 * exactly.
		 */
		public void addClient(String clientId, String secret, String redirectPath, String... otherRedirectUris) {
			this.context.getBean(InMemoryRegisteredClientRepository.class)
				.save(RegisteredClient.withId(clientId)
					.clientId(clientId)
					.clientSecret("{noop}" + secret)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.redirectUri("http://127.0.0.1" + redirectPath)
					.redirectUris((uris) -> uris.addAll(java.util.List.of(otherRedirectUris)))
					.scope(OidcScopes.OPENID)
					.scope(OidcScopes.EMAIL)
					.scope(OidcScopes.PROFILE)
					.clientSettings(ClientSettings.builder().requireProofKey(true).build())
					.build());
		}

		/**
		 * Lets the client send its users back to this address after signing out here
		 * (matched exactly, port included).
		 */
		public void allowSignOutTo(String clientId, String postLogoutRedirectUri) {
			InMemoryRegisteredClientRepository clients = this.context.getBean(InMemoryRegisteredClientRepository.class);
			clients.save(RegisteredClient.from(clients.findByClientId(clientId))
				.postLogoutRedirectUri(postLogoutRedirectUri)
				.build());
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
