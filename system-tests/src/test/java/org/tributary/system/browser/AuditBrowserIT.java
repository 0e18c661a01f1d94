package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.browser.ConsoleUsers.PASSWORD;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;

/**
 * The Audit page: an admin lists the trail of changes and filters it by kind, user, topic or group
 * and time; a change made in the console itself is there with the console user and address; a
 * viewer sees none of it.
 */
class AuditBrowserIT {

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  /** Opens the Audit page through the bar, then filters it as a person does. */
  private void filter(Map<String, String> fields) {
    browser.open("/console/index.xhtml");
    browser.clickAndLoad(By.id("nav-audit"));
    fields.forEach(
        (field, value) -> {
          if (field.equals("kind")) {
            browser.select(By.id("audit-kind"), value);
          } else {
            browser.type(By.id("audit-" + field), value);
          }
        });
    browser.clickAndLoad(By.id("apply"));
  }

  /** Per shown entry: kind, who, from where, subject, before, after. */
  private List<List<String>> rows() {
    return browser.findAll(By.cssSelector("#entries tbody tr")).stream()
        .map(
            row ->
                List.of(
                    text(row, ".audit-action"),
                    text(row, ".audit-actor"),
                    text(row, ".audit-origin"),
                    row.findElements(By.tagName("td")).get(3).getText(),
                    text(row, ".audit-before"),
                    text(row, ".audit-after")))
        .toList();
  }

  private static String text(WebElement row, String css) {
    List<WebElement> found = row.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  @Test
  void anAdminFiltersTheTrailByKindTopicAndTime() {
    String topic = TributaryHttp.uniqueTopic("audit-browser");
    Fixtures.createTopic(http, topic, 1, Map.of("retention.ms", "3600000"));
    assertEquals(
        204,
        http.put(
                Fixtures.v3(http, "/topics/" + topic + "/configs/retention.ms"),
                "application/json",
                "{\"value\":\"60000\"}")
            .status());

    filter(Map.of("topic", topic));
    List<List<String>> both = rows();
    assertEquals(
        List.of("topic.config", "topic.create"), both.stream().map(r -> r.get(0)).toList());
    browser.screenshot("audit");

    filter(Map.of("kind", "topic.config", "topic", topic));
    List<List<String>> config = rows();
    assertEquals(1, config.size(), config::toString);
    assertEquals("admin", config.get(0).get(1));
    assertEquals("topic " + topic, config.get(0).get(3));
    assertEquals("{\"retention.ms\":\"3600000\"}", config.get(0).get(4));
    assertEquals("{\"retention.ms\":\"60000\"}", config.get(0).get(5));
    assertTrue(browser.path().endsWith("/audit.xhtml"), "a filtered view is a link");

    filter(Map.of("topic", topic, "since", "9999-01-01T00:00:00"));
    assertEquals(List.of(), rows());
    assertTrue(browser.isPresent(By.id("no-entries")));

    filter(Map.of("kind", "user", "topic", topic));
    assertEquals(List.of(), rows(), "no user change names the topic");
  }

  @Test
  void aChangeMadeInTheConsoleIsThereWithTheConsoleUserAndAddress() throws UnknownHostException {
    String name = ConsoleUsers.uniqueName("audited");
    new ConsoleUsers(browser).create(name, PASSWORD, false, "viewer");

    filter(Map.of("kind", "user.create", "user", "admin"));
    List<List<String>> created =
        rows().stream().filter(r -> r.get(3).equals("user " + name)).toList();
    assertEquals(1, created.size(), rows()::toString);
    assertEquals("admin", created.get(0).get(1));
    assertTrue(InetAddress.getByName(created.get(0).get(2)).isLoopbackAddress(), created::toString);
    assertEquals("{\"roles\":[\"viewer\"],\"must_change_password\":false}", created.get(0).get(5));
    assertFalse(created.get(0).toString().contains(PASSWORD));
  }

  @Test
  void badFilterValuesAreMessagesOnThePage() {
    filter(Map.of("since", "last tuesday"));
    assertTrue(
        browser.errors().toString().contains("2026-11-25T18:00:00"), browser.errors()::toString);
    assertEquals(List.of(), rows());

    browser.open("/console/audit.xhtml?kind=nonsense");
    assertTrue(
        browser.errors().toString().contains("Unknown audit kind 'nonsense'"),
        browser.errors()::toString);
  }

  @Test
  void aViewerHasNoAuditPage() {
    try (ConsoleBrowser viewer = new ConsoleBrowser()) {
      viewer.signIn(ConsoleBrowser.VIEWER);
      assertFalse(viewer.isPresent(By.id("nav-audit")));

      viewer.open("/console/audit.xhtml?kind=topic");
      assertTrue(viewer.isPresent(By.id("admins-only")));
      assertFalse(viewer.isPresent(By.id("entries")));
    }
  }
}
