package org.tributary.system.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (nothing downloaded), signed in to the
 * console of the server under test. Browser files stay under {@code target/}; screenshots go to
 * {@code target/screenshots} for a person to look at. Closing it fails the test when a page broke
 * the Content-Security-Policy (a script or handler the browser refused to run).
 */
public final class ConsoleBrowser
    implements AutoCloseable, BeforeAllCallback, AfterAllCallback, TestWatcher {

  static final String ADMIN = "admin";
  static final String VIEWER = "viewer";

  private final String baseUrl;
  private final Path downloads;
  private final ChromeDriver driver;
  private String signInAs;

  /** A browser for the console of the server the build started. */
  ConsoleBrowser() {
    this(System.getProperty("tributary.url", "http://127.0.0.1:8080"));
  }

  public ConsoleBrowser(String baseUrl) {
    this.baseUrl = baseUrl;
    Path home = Path.of(System.getProperty("browser.dir", "target/browser"));
    downloads = home.resolve("downloads-" + UUID.randomUUID());
    try {
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .withEnvironment(
                Map.of(
                    "TMPDIR", home.toString(),
                    "XDG_CONFIG_HOME", home.resolve("config").toString(),
                    "XDG_CACHE_HOME", home.resolve("cache").toString()))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,1000",
        "--user-data-dir=" + home.resolve("profile-" + UUID.randomUUID()));
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toAbsolutePath().toString(),
            "download.prompt_for_download",
            false));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  /**
   * One browser for a test class, as a JUnit extension: signed in as {@code user} before the first
   * test, a screenshot for every failed test, closed after the last.
   */
  static ConsoleBrowser signedInAs(String user) {
    ConsoleBrowser browser = new ConsoleBrowser();
    browser.signInAs = user;
    return browser;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    signIn(signInAs);
  }

  /** Signs in as a user of the test servers, whose password the build passes in. */
  void signIn(String user) {
    signIn(user, System.getProperty("console." + user + ".password"));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    screenshot("failed-" + context.getDisplayName().replaceAll("\\W", ""));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * Signs in and waits for the answer: a console page, or the login page again with a query that
   * says why not (a wrong password, the throttle, no console access).
   */
  public void signIn(String user, String password) {
    open("/console/index.xhtml");
    type(By.id("login:username"), user);
    type(By.id("login:password"), password);
    click(By.id("login:submit"));
    waitUntil(d -> !d.getCurrentUrl().endsWith("/login.xhtml"));
  }

  /** Signs out through the bar's link and waits for the login page. */
  public void signOut() {
    click(By.id("user:logout"));
    waitUntil(d -> d.getCurrentUrl().contains("login.xhtml"));
  }

  /** The path of the page shown, such as {@code /console/index.xhtml}, without its query. */
  public String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  WebDriver driver() {
    return driver;
  }

  String baseUrl() {
    return baseUrl;
  }

  public void open(String path) {
    driver.get(baseUrl + path);
  }

  WebElement find(By by) {
    return waitUntil(d -> d.findElement(by));
  }

  List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  public boolean isPresent(By by) {
    return !driver.findElements(by).isEmpty();
  }

  public void type(By by, String text) {
    WebElement field = find(by);
    // Select-all and delete rather than clear(): PrimeFaces' number inputs restore a cleared value.
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    field.sendKeys(text);
  }

  void select(By by, String visibleText) {
    new Select(find(by)).selectByVisibleText(visibleText);
  }

  void click(By by) {
    waitUntil(d -> d.findElement(by).isDisplayed() && d.findElement(by).isEnabled());
    driver.findElement(by).click();
  }

  /** Ticks a checkbox (by script: two quick clicks on neighbouring boxes could miss one). */
  void tick(By by) {
    WebElement box = find(by);
    if (!box.isSelected()) {
      script("arguments[0].click();", box);
    }
    waitUntil(d -> box.isSelected());
  }

  /** Unticks a checkbox (by script, as {@link #tick}). */
  void untick(By by) {
    WebElement box = find(by);
    if (box.isSelected()) {
      script("arguments[0].click();", box);
    }
    waitUntil(d -> !box.isSelected());
  }

  /** Clicks something that sends a form or follows a link, and waits for the next page. */
  public void clickAndLoad(By by) {
    WebElement page = driver.findElement(By.tagName("html"));
    click(by);
    waitUntil(d -> isGone(page));
    waitForAjax();
  }

  /**
   * Whether an element belongs to a page that has been replaced. Chromium reports that as a stale
   * element or, while the new document loads, as a node that "does not belong to the document".
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (WebDriverException e) {
      return true;
    }
  }

  /** Clicks and waits for PrimeFaces' AJAX request to finish. */
  void clickAndWait(By by) {
    click(by);
    waitForAjax();
  }

  void waitForAjax() {
    waitUntil(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return document.readyState === 'complete'"
                            + " && (!window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty());")));
  }

  Object script(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  String text(By by) {
    return find(by).getText();
  }

  /** The texts of the page's error messages. */
  /** The texts of the page's error messages, once the page shows any message. */
  @SuppressWarnings("unchecked")
  List<String> errors() {
    messages();
    return (List<String>)
        script(
            "return Array.from(document.querySelectorAll('#messages .ui-messages-error'))"
                + ".map(e => e.textContent);");
  }

  /**
   * The text of the page's message area, waiting until there is one: after a form is sent the
   * answer is a new page (or an AJAX update), and only its message says what happened.
   */
  String messages() {
    return waitUntil(
        d -> {
          Object text =
              script(
                  "const area = document.getElementById('messages');"
                      + " return area ? area.textContent.trim() : '';");
          return text == null || text.toString().isEmpty() ? null : text.toString();
        });
  }

  <T> T waitUntil(ExpectedCondition<T> condition) {
    // A live-tail poll may replace the elements a condition is reading: look again.
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** A file the browser downloaded, once it is complete. */
  Path downloaded(String name) {
    Path file = downloads.resolve(name);
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(d -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
    return file;
  }

  void screenshot(String name) {
    Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    try {
      Files.createDirectories(dir);
      Files.write(
          dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the browser refused under the Content-Security-Policy since the last call. */
  List<String> contentSecurityPolicyViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }

  @Override
  public void close() {
    try {
      List<String> violations = contentSecurityPolicyViolations();
      if (!violations.isEmpty()) {
        throw new AssertionError("The browser refused under the CSP: " + violations);
      }
    } finally {
      driver.quit();
    }
  }
}
