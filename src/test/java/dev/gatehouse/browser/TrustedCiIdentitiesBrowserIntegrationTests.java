package dev.gatehouse.browser;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.gatehouse.TestProjects;
import openid.TestOpenIdProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The <i>Trusted CI identities</i> section of a project's <i>Access tokens</i> page in a
 * real browser, against a real issuer: a rule that does not pin the repository is refused
 * with what was typed kept; a good one is listed; a job of that repository uploads and
 * the project page says where the snapshot came from; removing the identity refuses the
 * job.
 */
class TrustedCiIdentitiesBrowserIntegrationTests extends BrowserTestSupport {

	private static TestOpenIdProvider.Running issuer;

	@BeforeAll
	static void startIssuer() {
		issuer = TestOpenIdProvider.shared();
		issuer.addCiClient("ci-system", "ci-secret");
	}

	@Test
	void trustWhenRulesPinTheRepositoryThenListedAndItsJobUploadsAndShowsWhereFrom() {
		String key = TestProjects.project(admin());
		String repository = unique("acme/shop");
		signInAs("admin", ADMIN_PASSWORD);
		open("/admin/projects/" + key + "/access-tokens");
		assertThat(find("#trusted-ci-identities-table").getText()).contains("No trusted CI identities.");

		find("#ci-name").sendKeys("shop main branch");
		find("#ci-issuer").sendKeys(issuer.issuer());
		find("#ci-audience").sendKeys("gatehouse");
		find("#ci-claims").sendKeys("ref=refs/heads/main");
		find("#add-trusted-ci").click();
		await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.error")));
		assertThat(find(".notice.error").getText()).contains("must pin the repository");
		assertThat(find("#ci-name").getAttribute("value")).isEqualTo("shop main branch");
		assertThat(find("#ci-claims").getAttribute("value")).isEqualTo("ref=refs/heads/main");

		find("#ci-claims").clear();
		find("#ci-claims").sendKeys("repository=" + repository + "\nref=refs/heads/main");
		find("#add-trusted-ci").click();
		await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.success")));
		String listed = find("#trusted-ci-identities-table").getText();
		assertThat(listed).contains("shop main branch")
			.contains(issuer.issuer())
			.contains("repository=" + repository)
			.contains("ref=refs/heads/main")
			.contains("Never");
		screenshot("trusted-ci-identities");

		String token = issuer.ciToken("ci-system", "ci-secret", "gatehouse",
				Map.of("sub", "repo:" + repository + ":ref:refs/heads/main", "repository", repository, "ref",
						"refs/heads/main", "run_id", "4242"));
		assertThat(anonymous().bearer(token)
			.postBytes(TestProjects.snapshots(key) + "?version=3f2a9c1&fileName=analysis.json",
					"application/octet-stream", "{\"issues\": 3}".getBytes(StandardCharsets.UTF_8))
			.status()).isEqualTo(201);
		open("/projects/" + key);
		assertThat(find(".snapshot-source").getText())
			.isEqualTo("CI job " + repository + " · refs/heads/main · run 4242");
		screenshot("snapshot-from-ci");

		open("/admin/projects/" + key + "/access-tokens");
		assertThat(find("#trusted-ci-identities-table").getText()).doesNotContain("Never");
		find(".remove-identity").click();
		await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.success")));
		assertThat(find("#trusted-ci-identities-table").getText()).contains("No trusted CI identities.");
		assertThat(anonymous().bearer(token)
			.postBytes(TestProjects.snapshots(key) + "?version=again", "application/octet-stream",
					"{}".getBytes(StandardCharsets.UTF_8))
			.status()).isEqualTo(401);
	}

}
