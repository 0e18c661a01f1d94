package org.tributary.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Topics in the console: list and filter, create with configs, configs, partitions, delete. */
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
