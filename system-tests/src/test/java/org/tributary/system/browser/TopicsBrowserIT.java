package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.produce;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;

/**
 * Topics in the console: list and filter, create with configs, configs, partitions, the log and
 * deleting records, delete.
 */
class TopicsBrowserIT {

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void createdTopicIsListedFilteredAndShowsItsPartitionsAndConfigs() {
    String topic = TributaryHttp.uniqueTopic("console-create");
    createTopic(topic, "2", "retention.ms", "3600000");

    assertEquals(topic, browser.text(By.id("topic-title")));
    assertEquals("2", browser.text(By.id("partition-count")));
    assertEquals(2, browser.findAll(By.cssSelector("[id$='partitions_data'] tr")).size());
    assertEquals(
        "3600000",
        browser
            .find(By.cssSelector("#configs-form input[title*='forever']"))
            .getAttribute("value"));
    browser.screenshot("topic");

    browser.open("/console/topics.xhtml");
    browser.type(By.id("list:topics:name:filter"), topic);
    browser.waitForAjax();
    browser.waitUntil(d -> d.findElements(By.cssSelector("#list\\:topics_data tr")).size() == 1);
    assertEquals(topic, browser.text(By.cssSelector("#list\\:topics_data .topic-name")));
    browser.screenshot("topics");
  }

  @Test
  void anInvalidConfigIsRefusedWithKafkasNameAndWhatItAccepts() {
    String topic = TributaryHttp.uniqueTopic("console-invalid");
    createTopic(topic, "1", "retention.ms", "soon");

    String errors = String.join(" ", browser.errors());
    assertTrue(errors.contains("retention.ms"), errors);
    assertEquals(404, http.get("/topics/" + topic).status(), "nothing created");
  }

  @Test
  void configsAreEditedAndResetPartitionsAddedAndDeletionNeedsTheTypedName() {
    String topic = TributaryHttp.uniqueTopic("console-edit");
    createTopic(topic, "1", "cleanup.policy", "compact");

    browser.type(By.cssSelector("#configs-form input[title*='compact']"), "delete");
    browser.type(By.cssSelector("#configs-form input[title*='forever']"), "60000");
    browser.clickAndLoad(By.id("configs-form:save-configs"));
    assertTrue(browser.messages().contains("saved"), browser.messages());
    String configs =
        http.get("/v3/clusters/tributary/topics/" + topic + "/configs/retention.ms").body();
    assertTrue(configs.contains("\"value\":\"60000\""), configs);

    browser.type(By.id("partitions-form:count"), "3");
    browser.clickAndLoad(By.id("partitions-form:add-partitions"));
    assertEquals("3", browser.text(By.id("partition-count")));

    browser.type(By.id("delete-form:confirm"), topic + "-not");
    browser.clickAndLoad(By.id("delete-form:delete"));
    assertTrue(String.join(" ", browser.errors()).contains("does not match"), browser.messages());
    assertEquals(200, http.get("/topics/" + topic).status(), "still there");

    browser.type(By.id("delete-form:confirm"), topic);
    browser.clickAndLoad(By.id("delete-form:delete"));
    assertTrue(browser.driver().getCurrentUrl().contains("topics.xhtml"));
    assertTrue(browser.messages().contains("deleted"), browser.messages());
    assertEquals(404, http.get("/topics/" + topic).status());
    assertFalse(browser.driver().getPageSource().contains(">" + topic + "<"));
  }

  @Test
  void deletedRecordsAreGoneFromTheLogAndTheMessageBrowserAfterTheConfirmation() {
    String topic = TributaryHttp.uniqueTopic("console-delete-records");
    Fixtures.createTopic(http, topic, 2);
    produce(http, topic, 0, "r0", "r1", "r2");
    produce(http, topic, 0, "r3", "r4");
    produce(http, topic, 1, "p1");
    openTopic(topic);
    assertEquals(
        "not run since the broker started",
        browser.text(By.cssSelector("#last-delete_records td")));

    browser.select(By.id("delete-records-form:partition"), "partition 0");
    browser.type(By.id("delete-records-form:before"), "3");
    reviewDeletion();
    assertEquals(
        "offsets 0 to 2 (3 records)",
        browser.text(By.cssSelector("#delete-records-confirm .plan-unreadable")));
    assertTrue(
        browser.text(By.id("deletion-summary")).startsWith("3 records of " + topic),
        browser.text(By.id("deletion-summary")));
    browser.screenshot("delete-records-confirm");
    browser.clickAndLoad(By.id("delete-records-confirm:apply"));

    assertTrue(browser.messages().contains("partition 0 at 3"), browser.messages());
    assertEquals("3", partitionCell(0, 2), "log start offset of partition 0");
    assertEquals("0", partitionCell(1, 2), "partition 1 untouched");
    WebElement run = browser.find(By.id("last-delete_records"));
    assertEquals("3", run.findElement(By.cssSelector(".records-removed")).getText());
    assertEquals("1", run.findElement(By.cssSelector(".batches-removed")).getText());
    assertTrue(
        run.findElement(By.cssSelector(".by")).getText().startsWith("admin@"), run.getText());
    browser.screenshot("topic-log");

    browser.open("/console/messages.xhtml?topic=" + topic);
    browser.select(By.id("browse:partition"), "0");
    browser.select(By.id("browse:start"), "Earliest");
    browser.clickAndWait(By.id("browse:go"));
    List<WebElement> rows = browser.findAll(By.cssSelector("#browse\\:records tbody tr"));
    assertEquals(
        List.of("3", "4"),
        rows.stream()
            .map(row -> row.findElement(By.cssSelector(".offset-cell")).getText())
            .toList());
  }

  @Test
  void anOffsetPastTheHighWatermarkIsWarnedOfAndTheBrokersRefusalShown() {
    String topic = TributaryHttp.uniqueTopic("console-delete-refused");
    Fixtures.createTopic(http, topic, 1);
    produce(http, topic, 0, "r0", "r1");
    openTopic(topic);

    browser.type(By.id("delete-records-form:before"), "5");
    reviewDeletion();
    assertTrue(browser.isPresent(By.id("delete-records-confirm:past-high-watermark")));
    browser.clickAndLoad(By.id("delete-records-confirm:apply"));

    String errors = String.join(" ", browser.errors());
    assertTrue(errors.contains("high watermark 2"), errors);
    assertEquals("0", partitionCell(0, 2), "nothing deleted");
    browser.screenshot("delete-records-refused");
  }

  private static void openTopic(String topic) {
    browser.open("/console/topic.xhtml?name=" + topic);
    browser.find(By.id("topic-title"));
  }

  /** Asks for the confirmation, which opens once the plan is shown. */
  private static void reviewDeletion() {
    browser.clickAndWait(By.id("delete-records-form:review"));
    browser.waitUntil(d -> d.findElement(By.id("delete-records-dialog")).isDisplayed());
  }

  /** The text of a cell of the partitions table: row by partition, column from 1. */
  private static String partitionCell(int partition, int column) {
    return browser.text(
        By.cssSelector(
            "#partitions_data tr:nth-child(" + (partition + 1) + ") td:nth-child(" + column + ")"));
  }

  private static void createTopic(String name, String partitions, String config, String value) {
    browser.open("/console/topics.xhtml");
    browser.click(By.id("new-topic"));
    browser.type(By.id("create-form:name"), name);
    browser.type(By.id("create-form:partitions"), partitions);
    browser.type(
        By.xpath("//table[@id='create-form:configs']//tr[td/code[text()='" + config + "']]//input"),
        value);
    browser.screenshot("create-topic");
    browser.clickAndLoad(By.id("create-form:create-submit"));
  }
}
