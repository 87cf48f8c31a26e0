package dev.gatehouse.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import dev.gatehouse.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The base of the browser suite: the real pages in headless Chromium, driven by Selenium
 * through Debian's {@code chromium} and {@code chromium-driver} (no browser is ever
 * downloaded). Without them the tests are skipped with the reason printed; CI installs
 * them first ({@code .ci/run}), so there they always run.
 */
abstract class BrowserTestSupport extends IntegrationTestSupport {

	private static final Path CHROMIUM = Path.of(System.getProperty("gatehouse.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("gatehouse.chromedriver", "/usr/bin/chromedriver"));

	/**
	 * Where screenshots go; {@code -Dgatehouse.screenshots=docs/screenshots} refreshes
	 * the docs.
	 */
	private static final Path SCREENSHOTS = Path.of(System.getProperty("gatehouse.screenshots", "target/screenshots"));

	protected WebDriver browser;

	protected WebDriverWait waiting;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present) {
			String reason = CHROMIUM + " and " + CHROMEDRIVER
					+ " are needed (apt-get install chromium chromium-driver)";
			if ("true".equals(System.getenv("GATEHOUSE_REQUIRE_BROWSER"))) {
				// CI installs them: there a missing browser is a failure, never a skip.
				throw new AssertionError("GATEHOUSE_REQUIRE_BROWSER=true but " + reason);
			}
			System.out.println("Browser suite skipped: " + reason);
		}
		assumeTrue(present, "Chromium and chromium-driver are not installed");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900", "--lang=en-GB", "--user-data-dir=" + profile);
		this.browser = new ChromeDriver(service, options);
		this.waiting = new WebDriverWait(this.browser, Duration.ofSeconds(10));
		// The script replaces the table while a condition may be reading it.
		this.waiting.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	protected void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
	}

	protected WebElement find(String css) {
		return this.browser.findElement(By.cssSelector(css));
	}

	protected void signInAs(String login, String password) {
		open("/login");
		find("#username").sendKeys(login);
		find("#password").sendKeys(password);
		find("main button[type=submit]").click();
		this.waiting.until((driver) -> !driver.getCurrentUrl().contains("/login"));
	}

	protected <T> T await(ExpectedCondition<T> condition) {
		return this.waiting.until(condition);
	}

	/**
	 * Saves what the browser shows, for the README and for a look after a failure.
	 * @param name the file name, without extension
	 */
	protected void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
