package dev.gatehouse.sso;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import openid.TestOpenIdProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with an identity provider, end to end over HTTP: Gatehouse against a real
 * OpenID provider (Spring Authorization Server on its own port), the browser's steps done
 * one redirect at a time so that each can be checked.
 */
@ExtendWith(OutputCaptureExtension.class)
class SingleSignOnIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private LoggingSystem logging;

	private static TestOpenIdProvider.Running provider;

	@BeforeAll
	static void startProvider() {
		provider = TestOpenIdProvider.shared();
	}

	@Test
	void signInWhenFirstTimeWithProvisioningThenNewUserSignedInWithPkceStateAndNonce() throws Exception {
		String registrationId = addProvider(true, false);
		String name = unique("alice");
		provider.addUser(name, "provider-password",
				Map.of("email", name + "@example.test", "email_verified", true, "preferred_username", name));
		Browser browser = new Browser();

		assertThat(browser.get(gatehouse("/login")).body()).contains("Sign in with Test provider " + registrationId);
		HttpResponse<String> toProvider = browser.get(gatehouse("/oauth2/authorization/" + registrationId));
		assertThat(toProvider.statusCode()).isEqualTo(302);
		assertThat(location(toProvider)).startsWith(provider.issuer() + "/oauth2/authorize")
			.contains("code_challenge=", "code_challenge_method=S256", "nonce=", "state=");
		HttpResponse<String> home = browser.signInAtProvider(location(toProvider), name, "provider-password");

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains(name).contains("Sign out");
		ApiResponse users = admin().json().get("/api/v1/Users?where=(Login%20eq%20'" + name + "')");
		assertThat(users.json().get("Items")).hasSize(1);
		assertThat(users.json().get("Items").get(0).get("Email").asString()).isEqualTo(name + "@example.test");
	}

	@Test
	void serviceTokenWhenUserHasNoPasswordThenRefusedWithAdvice() throws Exception {
		String registrationId = addProvider(true, false);
		String name = unique("nopass");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name));
		Browser browser = new Browser();
		browser.signIn(registrationId, name);

		HttpResponse<String> serviceToken = browser.getJson(gatehouse("/api/v1/Authentication"));

		assertThat(serviceToken.statusCode()).isEqualTo(400);
		assertThat(serviceToken.body()).contains("no password").contains("personal access token");
	}

	@Test
	void signInWhenLoggingAtTraceThenClientSecretAndIdTokenNeverLogged(CapturedOutput output) throws Exception {
		this.logging.setLogLevel("org.springframework.security", LogLevel.TRACE);
		this.logging.setLogLevel("dev.gatehouse", LogLevel.TRACE);
		String registrationId;
		try {
			registrationId = addProvider(true, false);
			String name = unique("logged");
			provider.addUser(name, "provider-password", Map.of("preferred_username", name));
			Browser browser = new Browser();
			browser.signIn(registrationId, name);
		}
		finally {
			this.logging.setLogLevel("org.springframework.security", null);
			this.logging.setLogLevel("dev.gatehouse", null);
		}

		assertThat(output.getAll()).contains("/oauth2/authorization/" + registrationId)
			.doesNotContain("secret-" + registrationId)
			.doesNotContain("eyJ")
			.doesNotContain("Basic ");
	}

	@Test
	void signOutWhenSignedInThroughProviderThenSignedOutThereTooAndBackToLogin() throws Exception {
		String registrationId = addProvider(true, false);
		provider.allowSignOutTo("gatehouse-" + registrationId, gatehouse("/login?logout"));
		String name = unique("leaving");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name));
		Browser browser = new Browser();
		browser.signIn(registrationId, name);

		HttpResponse<String> signedOut = browser.post(gatehouse("/logout"), Map.of("_csrf", browser.csrf()));

		assertThat(location(signedOut)).startsWith(provider.issuer() + "/connect/logout?id_token_hint=")
			.contains("post_logout_redirect_uri=");
		HttpResponse<String> atProvider = browser.get(location(signedOut));
		assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
		assertThat(location(atProvider)).isEqualTo(gatehouse("/login?logout"));
		assertThat(browser.get(gatehouse("/")).statusCode()).as("signed out of Gatehouse").isEqualTo(302);
		HttpResponse<String> again = browser
			.get(location(browser.get(gatehouse("/oauth2/authorization/" + registrationId))));
		assertThat(location(again)).as("signed out at the provider: its login page again").endsWith("/login");
	}

	@Test
	void providerWhenRemovedThenItsSessionsEnd() throws Exception {
		String registrationId = addProvider(true, false);
		String name = unique("removed");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name));
		Browser browser = new Browser();
		HttpResponse<String> home = browser.signIn(registrationId, name);
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(browser.getJson(gatehouse("/api/v1/Users/LoggedUser")).statusCode()).isEqualTo(200);

		long id = StreamSupport
			.stream(admin().json().get("/api/v1/Settings/IdentityProviders").json().get("Items").spliterator(), false)
			.filter((item) -> registrationId.equals(item.get("RegistrationId").asString()))
			.findFirst()
			.orElseThrow()
			.get("Id")
			.asLong();
		assertThat(admin().delete("/api/v1/Settings/IdentityProviders/" + id).status()).isEqualTo(204);

		assertThat(browser.getJson(gatehouse("/api/v1/Users/LoggedUser")).statusCode()).as("the API reads the session")
			.isEqualTo(401);
		assertThat(browser.get(gatehouse("/")).statusCode()).isEqualTo(302);
		assertThat(browser.get(gatehouse("/login")).body()).doesNotContain("Test provider " + registrationId);
	}

	@Test
	void callbackWhenReplayedThenRefusedAndNotSignedIn() throws Exception {
		String registrationId = addProvider(true, false);
		String name = unique("replay");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name));
		Browser browser = new Browser();
		String callback = browser.callback(registrationId, name);
		assertThat(browser.followToPage(callback).statusCode()).isEqualTo(200);

		Browser attacker = new Browser();
		HttpResponse<String> replayed = attacker.get(callback);

		assertThat(replayed.statusCode()).isEqualTo(302);
		assertThat(location(replayed)).endsWith("/login?sso=failed");
	}

	@Test
	void signInWhenProvisioningOffAndNoLinkedUserThenRefusedWithReason() throws Exception {
		String registrationId = addProvider(false, false);
		String name = unique("stranger");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name));
		Browser browser = new Browser();
		String callback = browser.callback(registrationId, name);
		HttpResponse<String> answer = browser.get(callback);

		assertThat(location(answer)).endsWith("/login?sso=not_provisioned");
		assertThat(browser.get(gatehouse("/login?sso=not_provisioned")).body()).contains("no account for you");
	}

	@Test
	void signInWhenUserDeactivatedThenRefused() throws Exception {
		String registrationId = addProvider(true, false);
		String name = unique("leaver");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name));
		Browser first = new Browser();
		first.signIn(registrationId, name);
		long id = admin().json()
			.get("/api/v1/Users?where=(Login%20eq%20'" + name + "')")
			.json()
			.get("Items")
			.get(0)
			.get("Id")
			.asLong();
		assertThat(admin().json().postJson("/api/v1/Users/" + id, "{\"IsActive\": false}").status()).isEqualTo(200);

		Browser again = new Browser();
		String callback = again.callback(registrationId, name);

		assertThat(location(again.get(callback))).endsWith("/login?sso=account_deactivated");
		assertThat(first.get(gatehouse("/")).statusCode()).as("the earlier session ended too").isEqualTo(302);
	}

	@Test
	void providerWhenAddedThenSecretNeverShownAndWrongIssuerRefused() {
		ApiResponse wrongIssuer = admin().json()
			.postJson("/api/v1/Settings/IdentityProviders", "{\"DisplayName\": \"Wrong\", \"Issuer\": \""
					+ provider.issuer() + "/other\", \"ClientId\": \"c\", \"ClientSecret\": \"s\"}");
		assertThat(wrongIssuer.status()).isEqualTo(400);

		String registrationId = addProvider(true, false);
		ApiResponse list = admin().json().get("/api/v1/Settings/IdentityProviders");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains(registrationId).doesNotContain("secret-" + registrationId);
		assertThat(anonymous().json().get("/api/v1/Settings/IdentityProviders").status()).isEqualTo(401);
	}

	@Test
	void signInWhenRoleMappingThenTheProvidersGroupsDecideAdministratorAndRequesterEachTime() throws Exception {
		String registrationId = addProvider(true, false, ", \"RoleClaim\": \"groups\", \"AdministratorValues\":"
				+ " [\"gatehouse-admins\"], \"RequesterValues\": [\"gatehouse-requesters\"]");
		String name = unique("mapped");
		provider.addUser(name, "provider-password",
				Map.of("preferred_username", name, "groups", List.of("staff", "gatehouse-admins")));

		assertThat(admin().get("/api/v1/Settings/IdentityProviders").body())
			.contains("<AdministratorValues><AdministratorValue>gatehouse-admins</AdministratorValue>");
		signInThrough(registrationId, name);
		assertThat(user(name).get("IsAdministrator").asBoolean()).isTrue();
		assertThat(user(name).get("Kind").asString()).isEqualTo("User");

		provider.changeClaims(name, Map.of("preferred_username", name, "groups", List.of("gatehouse-requesters")));
		HttpResponse<String> requester = signInThrough(registrationId, name);
		assertThat(user(name).get("IsAdministrator").asBoolean()).isFalse();
		assertThat(user(name).get("Kind").asString()).isEqualTo("Requester");
		assertThat(requester.statusCode()).isEqualTo(200);

		provider.changeClaims(name, Map.of("preferred_username", name));
		signInThrough(registrationId, name);
		assertThat(user(name).get("Kind").asString()).isEqualTo("User");
		assertThat(user(name).get("IsAdministrator").asBoolean()).isFalse();
	}

	@Test
	void signInWhenMappingDecidesOnlyAdministratorsThenARequesterSetInGatehouseStaysOne() throws Exception {
		String registrationId = addProvider(true, false,
				", \"RoleClaim\": \"groups\", \"AdministratorValues\": [\"gatehouse-admins\"]");
		String name = unique("kept");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name, "groups", List.of("staff")));
		signInThrough(registrationId, name);
		long id = user(name).get("Id").asLong();
		assertThat(admin().json().postJson("/api/v1/Users/" + id, "{\"Kind\": \"Requester\"}").status()).isEqualTo(200);

		signInThrough(registrationId, name);

		assertThat(user(name).get("Kind").asString()).isEqualTo("Requester");
		assertThat(user(name).get("IsAdministrator").asBoolean()).isFalse();
	}

	@Test
	void providerWhenRoleMappingIsContradictoryOrIncompleteThenRefused() {
		String base = "{\"DisplayName\": \"Mapped\", \"Issuer\": \"" + provider.issuer()
				+ "\", \"ClientId\": \"c\", \"ClientSecret\": \"s\"";

		ApiResponse both = admin().json()
			.postJson("/api/v1/Settings/IdentityProviders", base + ", \"RoleClaim\": \"groups\","
					+ " \"AdministratorValues\": [\"x\"], \"RequesterValues\": [\"x\"]}");
		ApiResponse noValues = admin().json()
			.postJson("/api/v1/Settings/IdentityProviders", base + ", \"RoleClaim\": \"groups\"}");
		ApiResponse noClaim = admin().json()
			.postJson("/api/v1/Settings/IdentityProviders", base + ", \"AdministratorValues\": [\"x\"]}");

		assertThat(both.status()).isEqualTo(400);
		assertThat(both.json().get("Message").asString()).contains("both an administrator and a requester");
		assertThat(noValues.status()).isEqualTo(400);
		assertThat(noClaim.status()).isEqualTo(400);
	}

	@Test
	void firstSignInWhenEmailUnverifiedThenNotLinkedToItsUserAndWhenVerifiedThenLinked() throws Exception {
		String registrationId = addProvider(true, true);
		String login = unique("owner");
		String email = login + "@example.test";
		ApiResponse existing = admin().json()
			.postJson("/api/v1/Users", "{\"Login\": \"" + login + "\", \"FirstName\": \"Existing\", \"LastName\":"
					+ " \"Owner\", \"Email\": \"" + email + "\", \"Password\": \"a-password-1234\"}");
		assertThat(existing.status()).as(existing.body()).isEqualTo(201);
		String impostor = unique("impostor");
		provider.addUser(impostor, "provider-password",
				Map.of("preferred_username", impostor, "email", email, "email_verified", false));
		String verified = unique("verified");
		provider.addUser(verified, "provider-password",
				Map.of("preferred_username", verified, "email", email, "email_verified", true));

		HttpResponse<String> unverifiedHome = signInThrough(registrationId, impostor);
		HttpResponse<String> verifiedHome = signInThrough(registrationId, verified);

		assertThat(unverifiedHome.body()).contains(impostor).doesNotContain(login);
		assertThat(user(impostor).get("Email").isNull()).as("an unverified email is not kept either").isTrue();
		assertThat(verifiedHome.body()).contains(login);
		assertThat(admin().json().get("/api/v1/Users?where=(Login%20eq%20'" + verified + "')").json().get("Items"))
			.isEmpty();
	}

	@Test
	void callbackWhenIdTokenExpiredOrNotYetIssuedByGatehousesClockThenRefused(CapturedOutput output) throws Exception {
		String registrationId = addProvider(true, false);
		String name = unique("late");
		provider.addUser(name, "provider-password", Map.of("preferred_username", name));
		try {
			Browser late = new Browser();
			String callback = late.callback(registrationId, name);
			this.clock.advance(Duration.ofHours(2));
			assertThat(location(late.get(callback))).endsWith("/login?sso=failed");
			this.clock.reset();

			Browser early = new Browser();
			callback = early.callback(registrationId, name);
			this.clock.advance(Duration.ofMinutes(-10));
			assertThat(location(early.get(callback))).endsWith("/login?sso=failed");
		}
		finally {
			this.clock.reset();
		}

		assertThat(output.getAll()).contains("invalid_id_token");
		assertThat(admin().json().get("/api/v1/Users?where=(Login%20eq%20'" + name + "')").json().get("Items"))
			.isEmpty();
	}

	@Test
	void callbackWhenIdTokenLacksTheNonceOrIsForAnotherClientThenRefused(CapturedOutput output) throws Exception {
		String registrationId = addProvider(true, false);
		String noNonce = unique("nononce");
		provider.addUser(noNonce, "provider-password",
				Map.of("preferred_username", noNonce, TestOpenIdProvider.OMIT, "nonce"));
		String otherAudience = unique("otheraud");
		provider.addUser(otherAudience, "provider-password",
				Map.of("preferred_username", otherAudience, "aud", List.of("some-other-client")));

		for (String name : List.of(noNonce, otherAudience)) {
			Browser browser = new Browser();
			String callback = browser.callback(registrationId, name);
			assertThat(location(browser.get(callback))).as(name).endsWith("/login?sso=failed");
			assertThat(admin().json().get("/api/v1/Users?where=(Login%20eq%20'" + name + "')").json().get("Items"))
				.as(name)
				.isEmpty();
		}
		assertThat(output.getAll()).contains("invalid_nonce").contains("invalid_id_token");
	}

	private HttpResponse<String> signInThrough(String registrationId, String name) throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> home = browser.signIn(registrationId, name);
		assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
		return home;
	}

	private JsonNode user(String login) {
		return admin().json().get("/api/v1/Users?where=(Login%20eq%20'" + login + "')").json().get("Items").get(0);
	}

	private String addProvider(boolean provisionUsers, boolean linkByVerifiedEmail) {
		return addProvider(provisionUsers, linkByVerifiedEmail, "");
	}

	private String addProvider(boolean provisionUsers, boolean linkByVerifiedEmail, String moreFields) {
		String registrationId = unique("idp").toLowerCase().replaceAll("[^a-z0-9-]", "-");
		String clientId = "gatehouse-" + registrationId;
		provider.addClient(clientId, "secret-" + registrationId, "/login/oauth2/code/" + registrationId);
		ApiResponse added = admin().json()
			.postJson("/api/v1/Settings/IdentityProviders",
					"{\"DisplayName\": \"Test provider " + registrationId + "\", \"Issuer\": \"" + provider.issuer()
							+ "\", \"ClientId\": \"" + clientId + "\", \"ClientSecret\": \"secret-" + registrationId
							+ "\", \"RegistrationId\": \"" + registrationId + "\", \"ProvisionUsers\": "
							+ provisionUsers + ", \"LinkByVerifiedEmail\": " + linkByVerifiedEmail + moreFields + "}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(added.body()).doesNotContain("secret-" + registrationId);
		return registrationId;
	}

	private String gatehouse(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	/**
	 * A browser: cookies per host (the provider on {@code localhost}, Gatehouse on
	 * {@code 127.0.0.1}), redirects followed by the test.
	 */
	private final class Browser {

		private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String url) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
		}

		/** The CSRF token a Gatehouse page carries, as its forms send it. */
		String csrf() throws IOException, InterruptedException {
			Matcher token = CSRF_META.matcher(get(gatehouse("/")).body());
			assertThat(token.find()).isTrue();
			return token.group(1);
		}

		HttpResponse<String> getJson(String url) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
			StringBuilder body = new StringBuilder();
			form.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&")
				.append(key)
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
			return this.http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		/**
		 * From the provider's authorization address to the redirect back to Gatehouse,
		 * signing in at the provider on the way.
		 */
		String providerCallback(String authorize, String user, String password)
				throws IOException, InterruptedException {
			String callback = provider.signIn(this.http, authorize, user, password);
			assertThat(callback).startsWith(gatehouse("/login/oauth2/code/"));
			return callback;
		}

		/**
		 * Signs in through the provider, from Gatehouse's sign-in link to the page after.
		 */
		HttpResponse<String> signIn(String registrationId, String user) throws IOException, InterruptedException {
			return followToPage(callback(registrationId, user));
		}

		/**
		 * From Gatehouse's sign-in link to the provider's redirect back, not yet opened.
		 */
		String callback(String registrationId, String user) throws IOException, InterruptedException {
			return providerCallback(location(get(gatehouse("/oauth2/authorization/" + registrationId))), user,
					"provider-password");
		}

		HttpResponse<String> signInAtProvider(String authorize, String user, String password)
				throws IOException, InterruptedException {
			return followToPage(providerCallback(authorize, user, password));
		}

		HttpResponse<String> followToPage(String url) throws IOException, InterruptedException {
			HttpResponse<String> answer = get(url);
			for (int hops = 0; answer.statusCode() == 302 && hops < 5; hops++) {
				String next = location(answer);
				answer = get(next.startsWith("/") ? gatehouse(next) : next);
			}
			return answer;
		}

	}

}
