package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.V2Consumer;

/** Consumer groups in the console: lag, and offset resets with preview, refusal, audit, undo. */
class GroupsBrowserIT {

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private Fixtures.GroupAtRest setUp() {
    return Fixtures.groupAtRest(http, "console-group");
  }

  @Test
  void aGroupShowsItsCommittedOffsetsHighWatermarksAndLag() {
    Fixtures.GroupAtRest setup = setUp();
    openGroup(setup.group());

    assertEquals(
        List.of(List.of("2", "4", "2"), List.of("1", "3", "2"), List.of("2", "3", "1")), lagRows());
    assertEquals("5", browser.text(By.id("total-lag")));
    assertEquals("EMPTY", browser.text(By.id("group-state")));
    browser.screenshot("group");

    browser.open("/console/groups.xhtml");
    browser.type(By.id("list:groups:group:filter"), setup.group());
    browser.waitForAjax();
    browser.waitUntil(d -> d.findElements(By.cssSelector("#list\\:groups_data tr")).size() == 1);
    assertEquals("5", browser.text(By.cssSelector("#list\\:groups_data .total-lag")));
    browser.screenshot("groups");
  }

  @Test
  void thePreviewShowsWhatApplyThenDoes() {
    Fixtures.GroupAtRest setup = setUp();
    openGroup(setup.group());
    browser.tick(By.cssSelector("input[name='reset:partition-choice'][value='0']"));
    browser.tick(By.cssSelector("input[name='reset:partition-choice'][value='2']"));
    browser.select(By.id("reset:strategy"), "Specific offset");
    browser.type(By.id("reset:argument"), "1");
    preview();

    Map<String, List<String>> plan = planRows();
    assertEquals(
        Map.of("0", List.of("2", "1"), "2", List.of("2", "1")),
        plan,
        browser.driver().getCurrentUrl());
    browser.screenshot("reset-preview");
    apply();

    assertTrue(browser.messages().contains("Offsets reset for 2 partitions"), browser.messages());
    assertEquals(
        Map.of(0, 1L, 1, 1L, 2, 1L), committedOffsets(setup), "applied exactly the preview");
    assertTrue(auditRows().get(0).contains("to-offset"), auditRows().toString());
    assertTrue(auditRows().get(0).contains("0: 2 → 1"), auditRows().toString());
  }

  @Test
  void undoRestoresTheOffsetsBeforeTheResetThroughTheSamePreview() {
    Fixtures.GroupAtRest setup = setUp();
    openGroup(setup.group());
    browser.select(By.id("reset:strategy"), "Earliest (log start)");
    preview();
    apply();
    assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), committedOffsets(setup));

    browser.clickAndLoad(By.cssSelector("#audit_data tr:first-child a.undo"));
    assertEquals("Undo preview", browser.text(By.tagName("h1")));
    assertEquals(
        Map.of("0", List.of("0", "2"), "1", List.of("0", "1"), "2", List.of("0", "2")), planRows());
    browser.screenshot("undo-preview");
    apply();

    String message = browser.messages();
    assertTrue(message.contains("undone"), message);
    assertEquals(message.indexOf("undone"), message.lastIndexOf("undone"), "said once");
    assertEquals(Map.of(0, 2L, 1, 1L, 2, 2L), committedOffsets(setup));
    assertTrue(auditRows().get(0).contains("undo of #"), auditRows().toString());
    browser.screenshot("group-audit");
  }

  @Test
  void applyIsRefusedWhileTheGroupHasAnActiveMember() {
    Fixtures.GroupAtRest setup = setUp();
    try (V2Consumer member = V2Consumer.earliest(http, setup.group(), "active")) {
      member.subscribe(setup.topic());
      member.poll(500);
      openGroup(setup.group());
      assertEquals("1", browser.text(By.id("member-count")));
      browser.select(By.id("reset:strategy"), "Latest (high watermark)");
      preview();
      assertTrue(browser.isPresent(By.id("members-warning")), "warned before applying");
      apply();

      String errors = String.join(" ", browser.errors());
      assertTrue(errors.contains("active members"), errors);
      browser.screenshot("reset-refused");
      assertEquals(Map.of(0, 2L, 1, 1L, 2, 2L), committedOffsets(setup), "nothing changed");
    }
  }

  @Test
  void aHostileGroupIdIsShownAsTextOnEveryPageAndInEveryChart() {
    String topic = uniqueTopic("console-hostile");
    String suffix = uniqueTopic("");
    String group = "g<img src=x onerror=window.pwned=9>" + suffix;
    String encoded = "g%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D9%3E" + suffix;
    Fixtures.createTopic(http, topic, 1);
    produce(http, topic, 0, "r0", "r1");
    try (V2Consumer consumer = V2Consumer.earliest(http, encoded, "hostile")) {
      consumer.subscribe(topic);
      consumer.pollUntil(2);
      consumer.commit(topic, 0, 0);
    }

    for (String page :
        List.of(
            "/console/index.xhtml",
            "/console/groups.xhtml",
            "/console/group.xhtml?id=" + encoded)) {
      browser.open(page);
      browser.waitForAjax();
      assertEquals(null, browser.script("return window.pwned;"), page);
      assertTrue(browser.findAll(By.cssSelector("main img")).isEmpty(), page);
    }
    assertEquals(group, browser.text(By.id("group-title")));
    browser.screenshot("group-hostile-id");
  }

  private void openGroup(String group) {
    browser.open("/console/group.xhtml?id=" + group);
    browser.find(By.id("group-title"));
  }

  private static void preview() {
    browser.clickAndLoad(By.id("reset:preview"));
  }

  private static void apply() {
    browser.click(By.id("apply-form:apply"));
    browser.clickAndLoad(By.id("apply-form:confirm-yes"));
  }

  private Map<Integer, Long> committedOffsets(Fixtures.GroupAtRest setup) {
    Map<Integer, Long> current = new HashMap<>();
    Fixtures.lags(http, setup.group(), setup.topic())
        .forEach(
            (partition, lag) ->
                current.put(partition, lag.getJsonNumber("current_offset").longValue()));
    return current;
  }

  private static List<List<String>> lagRows() {
    return browser.findAll(By.cssSelector("#lags_data tr")).stream()
        .map(
            row ->
                List.of(
                    row.findElement(By.cssSelector(".committed")).getText(),
                    row.findElement(By.cssSelector(".high-watermark")).getText(),
                    row.findElement(By.cssSelector(".lag")).getText()))
        .toList();
  }

  private static Map<String, List<String>> planRows() {
    Map<String, List<String>> plan = new HashMap<>();
    for (WebElement row : browser.findAll(By.cssSelector("#plan tbody tr"))) {
      plan.put(
          row.findElement(By.cssSelector(".plan-partition")).getText(),
          List.of(
              row.findElement(By.cssSelector(".plan-current")).getText(),
              row.findElement(By.cssSelector(".plan-new")).getText()));
    }
    return plan;
  }

  private static List<String> auditRows() {
    return browser.findAll(By.cssSelector("#audit_data tr")).stream()
        .map(WebElement::getText)
        .toList();
  }
}
