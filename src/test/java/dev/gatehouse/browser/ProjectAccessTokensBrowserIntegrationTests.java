package dev.gatehouse.browser;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.gatehouse.ApiResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project access token page of seed 003 in a real browser: create (the value shown
 * once, in a window), filter, items per page, paging, sorting by a column header, show
 * expired tokens, and delete with a Yes/No confirmation.
 */
class ProjectAccessTokensBrowserIntegrationTests extends BrowserTestSupport {

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void tableWhenFilteredSortedPagedAndExpiredShownThenTheServerAnswersEachView() {
		String key = projectWithTokens();
		signInAs("admin", ADMIN_PASSWORD);
		open("/admin/projects/" + key + "/access-tokens");
		assertThat(range()).isEqualTo("1 - 10/20");
		assertThat(rows()).hasSize(10);
		screenshot("project-access-tokens");

		find("#filter").sendKeys("build-1");
		awaitRange("1 - 10/10");
		assertThat(names()).allSatisfy((name) -> assertThat(name).startsWith("build-1"));
		find("#filter").clear();
		find("#apply-filter").click();
		awaitRange("1 - 10/20");

		new Select(find("#size")).selectByValue("25");
		awaitRange("1 - 20/20");
		new Select(find("#size")).selectByValue("10");
		awaitRange("1 - 10/20");
		find("#next-page").click();
		awaitRange("11 - 20/20");
		find("#first-page").click();
		awaitRange("1 - 10/20");
		find("#last-page").click();
		awaitRange("11 - 20/20");

		find("#sort-name").click();
		await((driver) -> names().get(0).equals("build-01"));
		await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("th[aria-sort=ascending] #sort-name")));
		find("#sort-name").click();
		await((driver) -> names().get(0).equals("build-20"));
		assertThat(find("th[aria-sort=descending]").getText()).contains("Name");

		find("#expired").click();
		awaitRange("1 - 10/23");
		find("#sort-expired").click();
		await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("th[aria-sort=ascending] #sort-expired")));
		find("#sort-expired").click();
		await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("th[aria-sort=descending] #sort-expired")));
		await((driver) -> cells(3).get(0).equals("Yes"));
		assertThat(this.browser.getCurrentUrl()).contains("expired=true").contains("sort=expired");
	}

	@Test
	void createThenTokenShownOnceInAWindowAndListed() {
		String key = projectWithTokens();
		signInAs("admin", ADMIN_PASSWORD);
		open("/admin/projects/" + key + "/access-tokens");

		find("#name").sendKeys("<b>release</b> pipeline");
		setDate(find("#expirationDate"), today().plusDays(10));
		find("#create-form button[type=submit]").click();

		WebElement window = await(ExpectedConditions.visibilityOfElementLocated(By.id("new-token-dialog")));
		String value = find("#new-token").getAttribute("value");
		assertThat(value).startsWith("gprj_");
		assertThat(window.getText()).contains("shown only this once").contains("<b>release</b> pipeline");
		screenshot("project-access-token-created");
		find("#close-new-token").click();
		await(ExpectedConditions.invisibilityOfElementLocated(By.id("new-token-dialog")));
		assertThat(range()).isEqualTo("1 - 10/21");
		assertThat(names()).contains("<b>release</b> pipeline");

		open("/admin/projects/" + key + "/access-tokens");
		assertThat(this.browser.getPageSource()).doesNotContain(value);
		ApiResponse refused = anonymous().bearer(value).json().get("/api/v1/Users/LoggedUser");
		assertThat(refused.status()).isEqualTo(403);
	}

	@Test
	void createWhenExpirationMissingThenBrowserAsksAndServerRefusesPastDates() {
		String key = projectWithTokens();
		signInAs("admin", ADMIN_PASSWORD);
		open("/admin/projects/" + key + "/access-tokens");

		find("#name").sendKeys("no date");
		find("#create-form button[type=submit]").click();
		assertThat(this.browser.findElements(By.id("new-token-dialog"))).as("the required field stops the form")
			.isEmpty();

		((JavascriptExecutor) this.browser).executeScript(
				"arguments[0].removeAttribute('min'); arguments[0].value = arguments[1];", find("#expirationDate"),
				today().minusDays(1).toString());
		find("#create-form button[type=submit]").click();
		assertThat(await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]"))).getText())
			.contains("past");
		assertThat(range()).isEqualTo("1 - 10/20");
	}

	@Test
	void deleteWhenConfirmedWithYesThenGoneAndWithNoThenKept() {
		String key = projectWithTokens();
		signInAs("admin", ADMIN_PASSWORD);
		open("/admin/projects/" + key + "/access-tokens?filter=build-07");
		assertThat(names()).containsExactly("build-07");

		find("a.delete-token").click();
		WebElement confirmation = await(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
		assertThat(confirmation.getText()).contains("build-07");
		screenshot("project-access-token-delete");
		find("#confirm-delete-no").click();
		await(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-delete")));
		assertThat(names()).containsExactly("build-07");

		find("a.delete-token").click();
		await(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
		find("#confirm-delete-yes").click();
		await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "build-07"));
		assertThat(range()).isEqualTo("0 - 0/0");
		assertThat(this.browser.getCurrentUrl()).contains("filter=build-07");
	}

	/**
	 * A project with 20 tokens ({@code build-01} to {@code build-20}) and 3 that expired
	 * yesterday ({@code nightly-1} to {@code nightly-3}).
	 */
	private String projectWithTokens() {
		String key = "B" + unique("").toUpperCase();
		assertThat(admin().json()
			.postJson("/api/v1/Projects", "{\"Key\": \"" + key + "\", \"Name\": \"Browser " + key + "\"}")
			.status()).isEqualTo(201);
		for (int i = 1; i <= 3; i++) {
			createToken(key, "nightly-" + i, today());
		}
		for (int i = 1; i <= 20; i++) {
			createToken(key, String.format("build-%02d", i), today().plusDays(30 + i));
		}
		this.clock.advance(Duration.ofDays(1));
		return key;
	}

	private void createToken(String key, String name, LocalDate expiry) {
		ApiResponse created = admin().json()
			.postJson("/api/v1/Projects/" + key + "/AccessTokens",
					"{\"Name\": \"" + name + "\", \"ExpirationDate\": \"" + expiry + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private void setDate(WebElement input, LocalDate date) {
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1];", input, date.toString());
	}

	private String range() {
		return find("#range").getText();
	}

	private void awaitRange(String expected) {
		await(ExpectedConditions.textToBe(By.id("range"), expected));
	}

	private List<WebElement> rows() {
		return this.browser.findElements(By.cssSelector("#tokens-table tbody tr[data-token-id]"));
	}

	private List<String> names() {
		return cells(0);
	}

	private List<String> cells(int column) {
		return rows().stream().map((row) -> row.findElements(By.tagName("td")).get(column).getText()).toList();
	}

}
