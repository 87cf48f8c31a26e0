package dev.gatehouse.trustedci;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.ApiClient;
import dev.gatehouse.ApiResponse;
import dev.gatehouse.IntegrationTestSupport;
import dev.gatehouse.TestProjects;
import dev.gatehouse.UploadScript.Run;
import dev.gatehouse.UploadScript;
import dev.gatehouse.audit.AuditLog;
import openid.TestOpenIdProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI jobs that upload with their own OpenID Connect token, against a real OpenID provider
 * (Spring Authorization Server on its own port) that issues CI-style job tokens through
 * its token endpoint: a job whose token matches a project's trusted identity uploads, and
 * the snapshot says where it came from; the same token is refused everywhere else (403,
 * no hint at which project trusts it); forged, expired and mismatched tokens are refused
 * (401) and audited with their reason; made-up key ids do not make Gatehouse hammer the
 * issuer; a removed identity is refused on the next request.
 */
class TrustedCiUploadIntegrationTests extends IntegrationTestSupport {

	private static final String CI_CLIENT = "ci-system";

	private static final String CI_SECRET = "ci-system-secret";

	private static TestOpenIdProvider.Running provider;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AuditLog audit;

	@TempDir
	Path work;

	@BeforeAll
	static void startProvider() {
		provider = TestOpenIdProvider.shared();
		provider.addCiClient(CI_CLIENT, CI_SECRET);
	}

	@Test
	void uploadWhenJobTokenMatchesThenStoredWithRepositoryRefAndRunAndAudited() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/shop");
		long identity = trust(key, repository);
		ApiClient job = anonymous().json().bearer(jobToken(repository, "refs/heads/main", "gatehouse"));

		ApiResponse uploaded = job.postBytes(TestProjects.snapshots(key) + "?version=abc123",
				"application/octet-stream", "{\"issues\": 1}".getBytes(StandardCharsets.UTF_8));

		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		JsonNode snapshot = uploaded.json();
		assertThat(snapshot.get("UploadedBy").get("ResourceType").asString()).isEqualTo("TrustedCiIdentity");
		assertThat(snapshot.get("UploadedBy").get("Id").asLong()).isEqualTo(identity);
		assertThat(snapshot.get("UploadedBy").get("Name").asString())
			.isEqualTo("CI " + repository + "@refs/heads/main run 42");
		assertThat(snapshot.get("Source").get("Repository").asString()).isEqualTo(repository);
		assertThat(snapshot.get("Source").get("Ref").asString()).isEqualTo("refs/heads/main");
		assertThat(snapshot.get("Source").get("Run").asString()).isEqualTo("42");
		JsonNode listed = admin().json().get(TestProjects.snapshots(key)).json().get("Items").get(0);
		assertThat(listed.get("Source").get("Repository").asString()).isEqualTo(repository);
		assertThat(identities(key).get(0).get("LastUsedDate").isNull()).isFalse();
		assertThat(auditLog(repository)).contains("CI_TOKEN_ACCEPTED").contains("SNAPSHOT_UPLOADED");
		assertThat(signIn("admin", ADMIN_PASSWORD).get("/projects/" + key).body()).contains(repository)
			.contains("refs/heads/main");
	}

	@Test
	void jobTokenWhenAnythingButItsUploadThenForbiddenAndAudited() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/elsewhere");
		trust(key, repository);
		ApiClient job = anonymous().bearer(jobToken(repository, "refs/heads/main", "gatehouse")).json();

		for (String path : List.of("/api/v1/Projects", TestProjects.snapshots(key), "/api/v1/Users/LoggedUser",
				"/api/v1/Projects/" + key + "/TrustedCiIdentities", "/odata/WorkLogs", "/actuator/metrics")) {
			ApiResponse answer = job.get(path);
			assertThat(answer.status()).as(path).isEqualTo(403);
		}
		assertThat(job.get("/api/v1/Projects").json().get("Message").asString())
			.isEqualTo("A CI token may only upload snapshots to its project (POST /api/v1/Projects/{key}/Snapshots)");
		assertThat(job.postJson("/api/v1/AccessTokens", "{\"Name\": \"escape\"}").status()).isEqualTo(403);
		assertThat(auditLog(repository)).contains("CI_TOKEN_REFUSED a CI job may only upload snapshots");
	}

	@Test
	void uploadWhenTokenMatchesAnotherProjectsRuleThenForbiddenWithoutHint() {
		String trusting = TestProjects.project(admin());
		String other = TestProjects.project(admin());
		String repository = unique("acme/other");
		trust(trusting, repository);
		trust(other, unique("acme/someone-else"));
		ApiClient job = anonymous().bearer(jobToken(repository, "refs/heads/main", "gatehouse")).json();

		ApiResponse toOther = upload(job, other);
		ApiResponse toNobody = upload(job, "NOPE" + TestProjects.uniqueKey());

		assertThat(toOther.status()).isEqualTo(403);
		assertThat(toNobody.status()).isEqualTo(403);
		assertThat(toOther.body()).doesNotContain(trusting).doesNotContain(repository);
		assertThat(admin().json().get(TestProjects.snapshots(other)).json().get("Items")).isEmpty();
		assertThat(auditLog(repository)).contains("upload to project " + other + ", which does not trust this job");
	}

	@Test
	void jobTokenWhenAudienceOrClaimsDoNotMatchThenUnauthorizedAndAuditedWithReason() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/strict");
		trust(key, repository);

		assertThat(upload(anonymous().bearer(jobToken(repository, "refs/heads/main", "someone-else")), key).status())
			.isEqualTo(401);
		assertThat(upload(anonymous().bearer(jobToken(repository, "refs/heads/feature", "gatehouse")), key).status())
			.isEqualTo(401);
		assertThat(upload(anonymous().bearer(jobToken(repository + "-fork", "refs/heads/main", "gatehouse")), key)
			.status()).isEqualTo(401);
		assertThat(auditLog(null)).contains("CI_TOKEN_REFUSED no trusted CI identity matches");
		assertThat(admin().json().get(TestProjects.snapshots(key)).json().get("Items")).isEmpty();
	}

	@Test
	void forgedTokensWhenExpiredNotYetValidBadlySignedUnsignedOrUnknownKeyThenUnauthorized() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/forged");
		trust(key, repository);
		Instant now = Instant.now();
		JWTClaimsSet valid = claims(repository, now.minusSeconds(30), now.plusSeconds(300), null);

		assertThat(upload(anonymous().bearer(provider.sign(valid)), key).status()).as("control").isEqualTo(201);
		Map<String, String> forged = Map.of(
				// Expired: beyond the minute of clock skew allowed.
				"expired", provider.sign(claims(repository, now.minusSeconds(900), now.minusSeconds(120), null)),
				"not yet valid", provider.sign(claims(repository, now, now.plusSeconds(900), now.plusSeconds(600))),
				"no expiry", provider.sign(claims(repository, now, null, null)), "bad signature",
				TestOpenIdProvider.Running.signWithStrangerKey(valid, provider.keyId()), "unknown key id",
				TestOpenIdProvider.Running.signWithStrangerKey(valid, "made-up-" + UUID.randomUUID()), "alg none",
				new PlainJWT(new PlainHeader(), valid).serialize(), "other issuer",
				provider.sign(new JWTClaimsSet.Builder(valid).issuer("https://ci.evil.example").build()));
		forged.forEach(
				(what, token) -> assertThat(upload(anonymous().bearer(token), key).status()).as(what).isEqualTo(401));
		assertThat(admin().json().get(TestProjects.snapshots(key)).json().get("Items")).hasSize(1);
		assertThat(auditLog(null)).contains("CI_TOKEN_REFUSED invalid token: Jwt expired")
			.contains("CI_TOKEN_REFUSED unsigned token (alg none)")
			.contains("CI_TOKEN_REFUSED issuer not trusted by any project");
	}

	@Test
	void unknownKeyIdsWhenFloodedThenIssuersKeysFetchedAtMostTwiceMore() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/flood");
		trust(key, repository);
		Instant now = Instant.now();
		JWTClaimsSet valid = claims(repository, now, now.plusSeconds(300), null);
		assertThat(upload(anonymous().bearer(provider.sign(valid)), key).status()).isEqualTo(201);
		int before = TestOpenIdProvider.Running.keyFetches();

		for (int i = 0; i < 25; i++) {
			String token = TestOpenIdProvider.Running.signWithStrangerKey(valid, "made-up-" + i);
			assertThat(upload(anonymous().bearer(token), key).status()).isEqualTo(401);
		}

		assertThat(TestOpenIdProvider.Running.keyFetches() - before).isLessThanOrEqualTo(2);
		assertThat(auditLog(null)).contains("CI_TOKEN_REFUSED unknown key id; the issuer's keys were fetched twice");
		assertThat(upload(anonymous().bearer(provider.sign(valid)), key).status()).as("valid still accepted")
			.isEqualTo(201);
	}

	@Test
	void identityWhenRemovedThenItsJobsRefusedOnTheNextRequest() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/removed");
		long identity = trust(key, repository);
		ApiClient job = anonymous().bearer(jobToken(repository, "refs/heads/main", "gatehouse"));
		assertThat(upload(job, key).status()).isEqualTo(201);

		assertThat(admin().delete("/api/v1/Projects/" + key + "/TrustedCiIdentities/" + identity).status())
			.isEqualTo(204);

		assertThat(upload(job, key).status()).isEqualTo(401);
		assertThat(identities(key)).isEmpty();
	}

	@Test
	void projectWhenDeletedThenItsJobsRefusedOnTheNextRequest() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/deleted");
		trust(key, repository);
		ApiClient job = anonymous().bearer(jobToken(repository, "refs/heads/main", "gatehouse"));
		assertThat(upload(job, key).status()).isEqualTo(201);

		assertThat(admin().delete("/api/v1/Projects/" + key).status()).isEqualTo(204);

		assertThat(upload(job, key).status()).isEqualTo(401);
	}

	@Test
	void addWhenRuleDoesNotPinTheRepositoryOrByATokenOrIssuerUnreadableThenRefusedAndNothingStored() {
		String key = TestProjects.project(admin());
		String path = "/api/v1/Projects/" + key + "/TrustedCiIdentities";

		ApiResponse unpinned = admin().json()
			.postJson(path, body("any repository", provider.issuer(), "ref", "refs/heads/main"));
		ApiResponse leadingWildcard = admin().json()
			.postJson(path, body("look-alikes", provider.issuer(), "repository", "*/shop"));
		ApiResponse everyRepository = admin().json()
			.postJson(path, body("every repository", provider.issuer(), "sub", "repo:*"));
		ApiResponse otherOwners = admin().json()
			.postJson(path, body("acme-evil too", provider.issuer(), "repository", "acme*"));
		ApiResponse unreadable = admin().json()
			.postJson(path, body("nowhere", "http://localhost:1", "repository", "acme/shop"));
		ApiResponse plainHttp = admin().json()
			.postJson(path, body("plain", "http://ci.example.com", "repository", "acme/shop"));
		String token = TestProjects.personalToken(admin().json(), "{\"Name\": \"" + unique("ci-admin") + "\"}");
		ApiResponse byToken = anonymous().json()
			.bearer(token)
			.postJson(path, body("by token", provider.issuer(), "repository", "acme/shop"));

		assertThat(unpinned.status()).isEqualTo(400);
		assertThat(unpinned.json().get("Message").asString()).contains("must pin the repository");
		assertThat(leadingWildcard.status()).isEqualTo(400);
		assertThat(everyRepository.status()).isEqualTo(400);
		assertThat(otherOwners.status()).isEqualTo(400);
		assertThat(unreadable.status()).isEqualTo(400);
		assertThat(unreadable.json().get("Message").asString()).contains("discovery document");
		assertThat(plainHttp.status()).isEqualTo(400);
		assertThat(byToken.status()).isEqualTo(403);
		assertThat(identities(key)).isEmpty();
	}

	@Test
	void scriptWhenOidcTokenFromGitLabVariableOrGitHubRunnerThenUploadsAndSaysWhereFrom() throws Exception {
		UploadScript.requirePython();
		String key = TestProjects.project(admin());
		String repository = unique("acme/script");
		trust(key, repository);
		String token = jobToken(repository, "refs/heads/main", "gatehouse");

		Run gitLab = run(key, Map.of("GATEHOUSE_ID_TOKEN", token));

		assertThat(gitLab.exit()).as(gitLab.output()).isZero();
		assertThat(gitLab.output()).contains("Uploaded snapshot")
			.contains("uploaded by the CI job of " + repository + " at refs/heads/main (run 42)");
		assertThat(anonymous().bearer(token).get("/api/v1/Projects").status()).isEqualTo(403);

		HttpServer runner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		runner.createContext("/token", (exchange) -> {
			boolean asked = "Bearer runner-secret".equals(exchange.getRequestHeaders().getFirst("Authorization"))
					&& exchange.getRequestURI().getQuery().contains("audience=gatehouse");
			byte[] answer = ("{\"value\": \"" + (asked ? token : "") + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(asked ? 200 : 401, answer.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(answer);
			}
		});
		runner.start();
		try {
			Run gitHub = run(key,
					Map.of("ACTIONS_ID_TOKEN_REQUEST_URL",
							"http://127.0.0.1:" + runner.getAddress().getPort() + "/token?api-version=2.0",
							"ACTIONS_ID_TOKEN_REQUEST_TOKEN", "runner-secret"));
			assertThat(gitHub.exit()).as(gitHub.output()).isZero();
			assertThat(gitHub.output()).contains("uploaded by the CI job of " + repository);
		}
		finally {
			runner.stop(0);
		}

		Run untrusted = run("NOPE" + TestProjects.uniqueKey(), Map.of("GATEHOUSE_ID_TOKEN", token));
		assertThat(untrusted.exit()).isEqualTo(1);
		assertThat(untrusted.output()).contains("(403)");
		Run none = run(key, Map.of());
		assertThat(none.exit()).isEqualTo(2);
		assertThat(none.output()).contains("GATEHOUSE_ID_TOKEN");
		assertThat(admin().json().get(TestProjects.snapshots(key)).json().get("Items")).hasSize(2);
	}

	/**
	 * Trusts the main branch of a repository for a project, with the audience gatehouse.
	 */
	private long trust(String key, String repository) {
		ApiResponse added = admin().json()
			.postJson("/api/v1/Projects/" + key + "/TrustedCiIdentities",
					"{\"Name\": \"main of " + repository + "\", \"Issuer\": \"" + provider.issuer()
							+ "\", \"Audience\": \"gatehouse\", \"Claims\": [{\"Claim\": \"repository\", \"Value\": \""
							+ repository + "\"}, {\"Claim\": \"ref\", \"Value\": \"refs/heads/main\"}]}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		return added.json().get("Id").asLong();
	}

	private static String body(String name, String issuer, String claim, String value) {
		return "{\"Name\": \"" + name + "\", \"Issuer\": \"" + issuer + "\", \"Audience\": \"gatehouse\","
				+ " \"Claims\": [{\"Claim\": \"" + claim + "\", \"Value\": \"" + value + "\"}]}";
	}

	/** A job token from the provider's token endpoint, with GitHub's claims. */
	private static String jobToken(String repository, String ref, String audience) {
		return provider.ciToken(CI_CLIENT, CI_SECRET, audience, Map.of("sub", "repo:" + repository + ":ref:" + ref,
				"repository", repository, "ref", ref, "run_id", "42"));
	}

	private static JWTClaimsSet claims(String repository, Instant issued, Instant expires, Instant notBefore) {
		return new JWTClaimsSet.Builder().issuer(provider.issuer())
			.subject("repo:" + repository + ":ref:refs/heads/main")
			.audience("gatehouse")
			.issueTime(Date.from(issued))
			.expirationTime((expires != null) ? Date.from(expires) : null)
			.notBeforeTime((notBefore != null) ? Date.from(notBefore) : null)
			.claim("repository", repository)
			.claim("ref", "refs/heads/main")
			.claim("run_id", "7")
			.build();
	}

	private static ApiResponse upload(ApiClient job, String key) {
		return job.postBytes(TestProjects.snapshots(key) + "?version=1", "application/octet-stream",
				"{}".getBytes(StandardCharsets.UTF_8));
	}

	private JsonNode identities(String key) {
		return admin().json().get("/api/v1/Projects/" + key + "/TrustedCiIdentities").json().get("Items");
	}

	/** The CI events of the audit log, those naming the repository if given. */
	private String auditLog(String repository) {
		this.audit.flush();
		return String.join("\n", this.jdbc.sql("""
				select action || ' ' || coalesce(reason, '') || ' ' || coalesce(target, '') || ' '
				       || coalesce(actor_login, '')
				from audit_events
				where (action like 'CI_%' or action = 'SNAPSHOT_UPLOADED')
				  and (cast(:repository as varchar) is null or actor_login like :pattern or target like :pattern)
				""")
			.param("repository", repository)
			.param("pattern", "%" + repository + "%")
			.query(String.class)
			.list());
	}

	private Run run(String project, Map<String, String> environment) throws IOException, InterruptedException {
		Path file = Files.writeString(this.work.resolve(unique("analysis") + ".json"), "{\"issues\": 2}");
		return UploadScript.run(this.work, List.of("--oidc-token", "--audience", "gatehouse", "--server",
				"http://localhost:" + this.port, "--project", project, "--version", "commit-abc123", file.toString()),
				environment);
	}

}
