package org.tributary.system;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The overview (status, counts, rates, charts) and the clients the broker has seen. */
class OverviewBrowserIT {

  private static ConsoleBrowser browser;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE =
      ConsoleBrowser.screenshotOnFailure(() -> browser);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @BeforeAll
  static void signIn() {
    browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);
  }

  @AfterAll
  static void close() {
    browser.close();
  }

  @Test
  void theOverviewShowsStatusCountsRatesAndCharts() {
    String topic = uniqueTopic("console-overview");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "one", "two", "three");

    browser.open("/console/index.xhtml");
    assertTrue(
        browser.text(By.id("database")).endsWith("reachable"), browser.text(By.id("database")));
    assertTrue(number(By.id("count-topics")) >= 1);
    assertTrue(number(By.id("count-records")) >= 3);
    assertTrue(browser.text(By.id("produce-rate")).endsWith("/s"));
    assertTrue(browser.isPresent(By.cssSelector("#records-chart canvas")), "records chart drawn");
    browser.screenshot("overview");
  }

  @Test
  void clientsListTheProducersAndConsumersSeenRecently() {
    String topic = uniqueTopic("console-clients");
    String group = uniqueTopic("console-clients-g");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "a", "b");
    V2Consumer consumer = V2Consumer.earliest(http, group, "reader-7");
    try {
      consumer.subscribe(topic);
      consumer.pollUntil(2);

      browser.open("/console/clients.xhtml");
      List<String> rows =
          browser.findAll(By.cssSelector("#list\\:clients_data tr")).stream()
              .map(WebElement::getText)
              .toList();
      assertTrue(
          rows.stream()
              .anyMatch(r -> r.contains("CONSUMER") && r.contains("reader-7") && r.contains(group)),
          rows::toString);
      assertTrue(
          rows.stream()
              .anyMatch(
                  r -> r.contains("PRODUCER") && r.contains("127.0.0.1") && r.contains(topic)),
          rows::toString);
      browser.screenshot("clients");
    } finally {
      consumer.deleteQuietly();
    }
  }

  private static long number(By by) {
    return Long.parseLong(browser.text(by).replace(",", ""));
  }
}
