package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs) driven by Selenium over the whole
 * pipeline on the bundled samples. Without a Chromium on the machine the class is skipped, saying
 * why; it is never passed without running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  private static final Path CHROMIUM = Path.of(System.getProperty("wirewatch.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("wirewatch.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target");
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  static Path dir;

  private ConsoleStack stack;
  private ChromeDriver browser;
  private WebDriverWait wait;

  private static boolean chromiumHere() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Each test, not the class, is skipped: the report then counts them as skipped, with the reason. */
  @BeforeEach
  void needsChromium() {
    assumeTrue(chromiumHere(), "SKIPPED: no Chromium on this machine (" + CHROMIUM + " and " + CHROMEDRIVER
        + " are needed; `apt-get install chromium chromium-driver`, as .ci/run does). The dashboard was not "
        + "tested in a browser.");
  }

  @BeforeAll
  void start() throws Exception {
    if (!chromiumHere()) {
      return;
    }
    stack = new ConsoleStack(dir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Without the background-networking flags Chromium phones home at start, which this machine refuses.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")),
        "--window-size=1400,2200");
    // The driver is given: Selenium Manager (which would download one) is never asked.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(200));
    // Lists re-render as events arrive: an element read during a re-render is simply read again.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> l = new java.util.ArrayList<>();
    array.forEach(l::add);
    return l.stream();
  }

  private List<WebElement> all(String css) {
    return browser.findElements(By.cssSelector(css));
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  @Test
  @Order(1)
  void theDashboardShowsTheSampleAlertsAndSources() throws InterruptedException {
    // The pipeline first (its pace is the machine's), then what the page shows of it.
    stack.awaitSampleAlerts();
    browser.get(stack.console.dashboardUrl());
    // One alert per rule and story: the Korea story's sanctions alert counts its three articles.
    wait.until(b -> all("#alert-list li.alert").size() == 3 && text("#alert-list").contains("seen 3×")
        && text("#alert-list").contains("seen 2×"));
    assertThat(all("#alert-list li.alert.sev-critical")).hasSize(1);
    assertThat(all("#alert-list li.alert .snippet mark")).as("matched words marked").hasSizeGreaterThanOrEqualTo(3);
    // The token came in the URL's fragment and left it: it is not in the address bar any more.
    assertThat(browser.getCurrentUrl()).doesNotContain("token");
    assertThat(text("#status")).isEqualTo("Live");

    wait.until(b -> all("#source-table tbody tr").size() == 3
        && all("#source-table tbody .health").stream().allMatch(h -> h.getText().equals("ok")));
    assertThat(all("#source-table tbody tr").stream().map(r -> r.getAttribute("data-source")))
        .containsExactlyInAnyOrder("wire", "desk", "analysis");
    assertThat(all("#rule-table tbody tr")).extracting(r -> r.getAttribute("data-rule"))
        .containsExactly("liaison-office", "sanctions");
  }

  @Test
  @Order(2)
  void theSamplesStoryOpensToItsOutletsAndAlerts() {
    // The process stage grouped the three outlets' Korea articles into one story.
    JsonNode korea = stream(stack.getJson("/api/stories?active=true").get("stories"))
        .filter(s -> s.get("articleCount").asInt() == 3).findFirst().orElseThrow();
    String id = korea.get("id").asText();
    WebElement card = wait.until(b -> browser.findElements(By.cssSelector("#story-list li[data-story='" + id + "']"))
        .stream().findFirst().orElse(null));
    assertThat(card.getText()).contains("3 articles");
    assertThat(card.findElements(By.cssSelector(".spark canvas"))).as("the article-rate sparkline").isNotEmpty();
    card.findElement(By.cssSelector("h3 button")).click();
    wait.until(b -> browser.findElement(By.id("story-detail")).isDisplayed() && !all("#story-outlets .outlet").isEmpty());
    assertThat(all("#story-outlets .outlet")).extracting(o -> o.getAttribute("data-outlet"))
        .containsExactlyInAnyOrderElementsOf(stream(korea.get("sources")).map(JsonNode::asText).toList());
    assertThat(all("#story-outlets li")).hasSize(3);
    assertThat(all("#story-alerts li.alert")).extracting(a -> a.getAttribute("data-rule"))
        .containsExactlyInAnyOrder("liaison-office", "sanctions");
    assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves to the opened story")
        .isEqualTo("story-detail");
    browser.findElement(By.id("story-close")).click();
  }

  @Test
  @Order(3)
  void aBreakingStoryArrivesLiveAndIsMarkedAsBursting() throws Exception {
    // Six reports of one event from four outlets within minutes: a burst, shown without a reload.
    String[] outlets = {"wire", "desk", "metro", "radio"};
    for (int i = 0; i < 6; i++) {
      stack.sendArticle(outlets[i % outlets.length], "https://news.example/dam-" + i,
          "Dam breach floods three valley towns" + (i == 0 ? "" : ", update " + i),
          "Water from the breached Lake Arden dam flooded three towns in the valley overnight, officials said; "
              + "rescue teams evacuated hundreds of residents by boat.");
    }
    WebElement card = wait.until(b -> all("#story-list li.card").stream()
        .filter(c -> c.getText().contains("Dam breach") && c.getText().contains("6 articles")).findFirst().orElse(null));
    assertThat(card.getText()).contains("Burst since").contains("4 sources");
    wait.until(b -> !all("#alert-list li.alert[data-rule='story-burst']").isEmpty());
  }

  @Test
  @Order(4)
  void aRuleIsPreviewedThenSavedThroughThePageAndItsAlertArrivesLive() throws Exception {
    browser.findElement(By.id("rule-id")).sendKeys("typhoon");
    WebElement query = browser.findElement(By.id("rule-query"));
    WebElement save = browser.findElement(By.id("rule-save"));

    // A query that does not parse: the parser's message and position, inline, and no save.
    query.sendKeys("\"unclosed");
    browser.findElement(By.id("rule-preview")).click();
    wait.until(b -> !text("#rule-query-error").isEmpty());
    assertThat(text("#rule-query-error")).startsWith("Line 1, column 10:");
    assertThat(query.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(save.isEnabled()).isFalse();

    query.clear();
    query.sendKeys("typhoon OR hurricane");
    new Select(browser.findElement(By.id("rule-severity"))).selectByValue("critical");
    assertThat(save.isEnabled()).as("saving needs a preview of this query first").isFalse();
    browser.findElement(By.id("rule-preview")).click();
    wait.until(b -> all("#preview-list li").size() == 1 && text("#preview-summary").startsWith("1 of 13"));
    // (of the 7 samples and the 6 dam-breach reports of the test before)
    assertThat(text("#preview-list")).contains("Typhoon warning issued for southern islands");
    assertThat(all("#preview-list mark")).extracting(WebElement::getText).contains("typhoon");
    assertThat(save.isEnabled()).isTrue();
    save.click();
    wait.until(b -> text("#rule-status").contains("saved"));
    wait.until(b -> !all("#rule-table tbody tr[data-rule='typhoon']").isEmpty());

    // New articles raise it in the running pipeline; the page shows the alert without a reload.
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean shown = false;
    for (int i = 0; !shown && System.nanoTime() < deadline; i++) {
      stack.sendArticle("https://news.example/browser-typhoon-" + i, "Hurricane season opens with a typhoon",
          "A typhoon is expected to reach the southern islands on Monday, forecasters said.");
      shown = waitQuietly(Duration.ofSeconds(3), () -> !all("#alert-list li.alert[data-rule='typhoon']").isEmpty());
    }
    assertThat(shown).as("the new rule's alert arrived live").isTrue();
    WebElement alert = all("#alert-list li.alert[data-rule='typhoon']").get(0);
    assertThat(alert.getAttribute("class")).contains("sev-critical");
    assertThat(alert.findElements(By.cssSelector(".snippet mark"))).extracting(WebElement::getText)
        .anySatisfy(m -> assertThat(m.toLowerCase()).isIn("typhoon", "hurricane"));
    assertThat(all("#alert-list li.alert").get(0).getAttribute("data-rule")).as("newest on top").isEqualTo("typhoon");

    browser.executeScript("window.scrollTo(0, 0);");
    screenshot("console-dashboard.png");
    browser.manage().window().setSize(new Dimension(390, 2400));
    browser.navigate().to(browser.getCurrentUrl());
    // The three sample alerts, the burst and the typhoon alert.
    wait.until(b -> all("#alert-list li.alert").size() >= 5);
    screenshot("console-dashboard-phone.png");
    // Nothing reaches past the right edge; a wide table scrolls inside its own box.
    Object overflowing = browser.executeScript("""
        const w = document.documentElement.clientWidth;
        const inside = (e) => e.parentElement && e.parentElement.closest('.table-wrap');
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > w + 1 && !inside(e))
          .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 10);
        if (document.documentElement.scrollWidth > w + 1) wide.push('document ' + document.documentElement.scrollWidth + 'px > ' + w + 'px');
        return wide;""");
    assertThat((List<?>) overflowing).as("no sideways scrolling on a phone-sized screen").isEmpty();
  }

  private boolean waitQuietly(Duration d, java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      if (done.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return done.getAsBoolean();
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Path target = SCREENSHOTS.resolve(name);
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("dashboard screenshot: " + target.toAbsolutePath());
  }
}
