package openid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
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

	/**
	 * A user's claim whose value names a claim to leave out of their ID tokens, e.g.
	 * {@code nonce}.
	 */
	public static final String OMIT = "omit-claim";

	/** Requests for the keys, across every provider started in this JVM. */
	static final AtomicInteger keyFetches = new AtomicInteger();

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
				claims.getOrDefault(context.getPrincipal().getName(), Map.of()).forEach((name, value) -> {
					if (OMIT.equals(name)) {
						// A faulty or hostile provider: the ID token lacks a claim.
						context.getClaims().claims((all) -> all.remove(String.valueOf(value)));
					}
					else {
						context.getClaims().claim(name, value);
					}
				});
			}
			else if (context.getAuthorizationGrant() instanceof OAuth2ClientCredentialsAuthenticationToken grant) {
				// A CI system's job token: the parameters of the request become its
				// claims (audience as aud), as GitHub and GitLab fill in the job's.
				grant.getAdditionalParameters().forEach((name, value) -> {
					if ("audience".equals(name)) {
						context.getClaims().audience(List.of(String.valueOf(value)));
					}
					else {
						context.getClaims().claim(name, value);
					}
				});
			}
		};
	}

	/** Counts the requests for the provider's keys. */
	@Bean
	FilterRegistrationBean<Filter> keyFetchCounter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			keyFetches.incrementAndGet();
			chain.doFilter(request, response);
		});
		registration.addUrlPatterns("/oauth2/jwks");
		return registration;
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

	private static Running shared;

	/**
	 * The provider every test of this JVM shares, started on first use and stopped when
	 * the JVM ends: each test adds users, clients and trusted identities of its own.
	 * @return the running provider
	 */
	public static synchronized Running shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/**
	 * Starts a provider on a free port.
	 * @return the running provider
	 */
	private static Running start() {
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
		 * Signs a user in at this provider, as a browser would: from the authorization
		 * address a client redirected to, through the provider's login form, to the
		 * redirect back to the client with the code.
		 * @param browser an HTTP client that keeps cookies and follows no redirects
		 * @param authorize the authorization address, with its parameters
		 * @return the client's callback address, to open next
		 */
		public String signIn(HttpClient browser, String authorize, String user, String password)
				throws IOException, InterruptedException {
			HttpResponse<String> toLogin = get(browser, authorize);
			String loginPage = redirect(toLogin);
			Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
				.matcher(get(browser, loginPage).body());
			if (!csrf.find()) {
				throw new IllegalStateException("No CSRF token on the provider's login page");
			}
			String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(loginPage))
				.header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			return redirect(get(browser, redirect(signedIn)));
		}

		private static HttpResponse<String> get(HttpClient browser, String url)
				throws IOException, InterruptedException {
			return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
		}

		private static String redirect(HttpResponse<String> answer) {
			if (answer.statusCode() != 302) {
				throw new IllegalStateException("Expected a redirect from " + answer.uri() + ", got "
						+ answer.statusCode() + ": " + answer.body());
			}
			return answer.headers().firstValue("Location").orElseThrow();
		}

		/**
		 * Changes the claims of a user's next ID tokens, as a directory change would.
		 */
		public void changeClaims(String name, Map<String, Object> idTokenClaims) {
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

		/**
		 * Registers a CI system's client: it gets job tokens with the client credentials
		 * grant, its request's parameters becoming their claims.
		 */
		public void addCiClient(String clientId, String secret) {
			this.context.getBean(InMemoryRegisteredClientRepository.class)
				.save(RegisteredClient.withId(clientId)
					.clientId(clientId)
					.clientSecret("{noop}" + secret)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build())
					.build());
		}

		/**
		 * A CI job's token, issued by this provider through its token endpoint, as GitHub
		 * Actions or GitLab CI issue one to a job.
		 * @param clientId a client added with {@link #addCiClient}
		 * @param secret its secret
		 * @param audience the {@code aud} the job asks for
		 * @param jobClaims the job's claims, e.g. {@code sub}, {@code repository},
		 * {@code ref}, {@code run_id}
		 * @return the signed token
		 */
		public String ciToken(String clientId, String secret, String audience, Map<String, String> jobClaims) {
			StringBuilder form = new StringBuilder("grant_type=client_credentials&audience=")
				.append(URLEncoder.encode(audience, StandardCharsets.UTF_8));
			jobClaims.forEach((name, value) -> form.append('&')
				.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
			String basic = Base64.getEncoder()
				.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
			try {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
						.header("Authorization", "Basic " + basic)
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("Token endpoint: " + response.statusCode() + " " + response.body());
				}
				Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
				if (!token.find()) {
					throw new IllegalStateException("No access token in " + response.body());
				}
				return token.group(1);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Signs claims with this provider's own key (and its key id), for tokens its
		 * token endpoint would not issue: expired, not yet valid.
		 */
		public String sign(JWTClaimsSet claims) {
			RSAKey key = ownKey();
			return sign(claims, key, key.getKeyID());
		}

		/**
		 * Signs claims with another key, under a key id of one's choice: the provider's
		 * own (a bad signature) or one it does not publish.
		 */
		public static String signWithStrangerKey(JWTClaimsSet claims, String keyId) {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				KeyPair pair = generator.generateKeyPair();
				RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
					.privateKey((RSAPrivateKey) pair.getPrivate())
					.build();
				return sign(claims, key, keyId);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The provider's key id. */
		public String keyId() {
			return ownKey().getKeyID();
		}

		/** How often anyone fetched the provider's keys, in this JVM. */
		public static int keyFetches() {
			return keyFetches.get();
		}

		@SuppressWarnings("unchecked")
		private RSAKey ownKey() {
			return (RSAKey) ((ImmutableJWKSet<SecurityContext>) this.context.getBean(JWKSource.class)).getJWKSet()
				.getKeys()
				.get(0);
		}

		private static String sign(JWTClaimsSet claims, RSAKey key, String keyId) {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
				jwt.sign(new RSASSASigner(key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
