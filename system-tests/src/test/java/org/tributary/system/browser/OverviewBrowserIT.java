package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.V2Consumer;
import org.tributary.system.kafka.KafkaClients;

/** The overview (status, counts, rates, charts) and the clients the broker has seen. */
class OverviewBrowserIT {

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

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
    try (V2Consumer consumer = V2Consumer.earliest(http, group, "reader-7")) {
      consumer.subscribe(topic);
      consumer.pollUntil(2);

      browser.open("/console/clients.xhtml");
      browser.waitUntil(
          d ->
              rows().stream()
                      .anyMatch(
                          r ->
                              r.contains("CONSUMER") && r.contains("reader-7") && r.contains(group))
                  && rows().stream()
                      .anyMatch(
                          r ->
                              r.contains("PRODUCER")
                                  && r.contains("127.0.0.1")
                                  && r.contains(topic)));
      browser.screenshot("clients");
    }
  }

  @Test
  void theServersPageShowsThisServerAsTheWriterWithItsKafkaAddress() {
    browser.open("/console/servers.xhtml");
    browser.waitUntil(d -> browser.isPresent(By.cssSelector("[id='list:servers_data'] tr")));
    List<String> rows = serverRows();
    assertEquals(1, rows.size(), rows::toString);
    String row = rows.get(0);
    assertTrue(row.contains("writer"), row);
    assertTrue(row.contains("this server"), row);
    assertTrue(row.contains(KafkaClients.bootstrap()), row);
    assertEquals("0", browser.text(By.cssSelector("[id='list:servers_data'] .server-broker")), row);
    assertFalse(browser.isPresent(By.id("no-writer")), "a writer is known");
    browser.screenshot("servers");
  }

  @SuppressWarnings("unchecked")
  private static List<String> serverRows() {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll('[id=\"list:servers_data\"] tr'))"
                + ".map(row => row.textContent);");
  }

  /** The text of every row of the clients table, with all its topics (the cell shows a few). */
  @SuppressWarnings("unchecked")
  private static List<String> rows() {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll('[id=\"list:clients_data\"] tr'))"
                + ".map(row => row.textContent + ' '"
                + " + (row.querySelector('.client-topics') || {}).title);");
  }

  private static long number(By by) {
    return Long.parseLong(browser.text(by).replace(",", ""));
  }
}
