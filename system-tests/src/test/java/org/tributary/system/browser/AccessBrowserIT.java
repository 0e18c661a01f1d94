package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;

/** Signing in and out, and what the read-only viewer role can see and cannot do. */
class AccessBrowserIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void everyPageNeedsSignInAndAWrongPasswordIsRefused() {
    try (ConsoleBrowser browser = new ConsoleBrowser()) {
      browser.open("/console/topics.xhtml");
      assertTrue(browser.driver().getCurrentUrl().contains("/console/login.xhtml"));
      browser.screenshot("login");

      browser.signIn(ConsoleBrowser.ADMIN, "not-the-password");
      assertTrue(browser.text(By.id("failed")).contains("Wrong user name or password"));
      assertTrue(browser.driver().getCurrentUrl().contains("login.xhtml"));

      browser.signIn(ConsoleBrowser.ADMIN);
      assertEquals("admin", browser.text(By.id("user-name")));

      browser.signOut();
      browser.open("/console/topics.xhtml");
      assertTrue(browser.driver().getCurrentUrl().contains("login.xhtml"), "signed out");
    }
  }

  @Test
  void fiveWrongPasswordsInARowPauseSignInsForThatName() {
    // A name nobody has: the throttle answers the same for names that do not exist.
    String name = ConsoleUsers.uniqueName("guess");
    try (ConsoleBrowser browser = new ConsoleBrowser()) {
      for (int attempt = 1; attempt < 5; attempt++) {
        browser.signIn(name, "guess-" + attempt);
        assertTrue(browser.isPresent(By.id("failed")), "attempt " + attempt);
      }
      browser.signIn(name, "guess-5");
      String paused = browser.text(By.id("throttled"));
      assertTrue(
          paused.matches(
              "(?s)Too many failed sign-ins: try again in ([1-9]|[12][0-9]|3[01]) s\\..*"),
          paused);
      browser.screenshot("login-throttled");
      browser.signIn(name, "guess-6");
      assertTrue(browser.isPresent(By.id("throttled")), "still paused");
      assertFalse(browser.isPresent(By.id("failed")));

      browser.signIn(ConsoleBrowser.ADMIN);
      assertEquals("admin", browser.text(By.id("user-name")), "other names may sign in");
    }
  }

  @Test
  void aViewerSeesEverythingButNoControlThatChangesAnything() {
    String topic = uniqueTopic("console-viewer");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "visible to viewers");
    try (ConsoleBrowser browser = new ConsoleBrowser()) {
      browser.signIn(ConsoleBrowser.VIEWER);
      assertEquals("viewer", browser.text(By.id("user-role")).toLowerCase());

      browser.open("/console/topics.xhtml");
      browser.type(By.id("list:topics:name:filter"), topic);
      browser.waitUntil(d -> d.getPageSource().contains(">" + topic + "<"));
      assertFalse(browser.isPresent(By.id("new-topic")));

      browser.open("/console/topic.xhtml?name=" + topic);
      assertEquals(topic, browser.text(By.id("topic-title")));
      assertFalse(browser.isPresent(By.id("configs-form:save-configs")));
      assertFalse(browser.isPresent(By.id("delete-form:delete")));
      assertFalse(browser.isPresent(By.id("partitions-form:add-partitions")));
      assertFalse(browser.isPresent(By.id("delete-records-form:review")));
      assertFalse(browser.isPresent(By.id("delete-records-dialog")));
      assertTrue(browser.isPresent(By.id("last-delete_records")), "the log's runs are shown");
      browser.screenshot("topic-as-viewer");

      browser.open("/console/messages.xhtml?topic=" + topic);
      assertTrue(browser.driver().getPageSource().contains("visible to viewers"));
      assertFalse(browser.isPresent(By.id("produce:produce-submit")));
    }
  }

  @Test
  void theServerRefusesAViewersForgedChange() {
    String topic = uniqueTopic("console-forged");
    Fixtures.createTopic(http, topic, 1);
    try (ConsoleBrowser browser = new ConsoleBrowser()) {
      browser.signIn(ConsoleBrowser.VIEWER);
      browser.open("/console/topic.xhtml?name=" + topic);
      // What an admin's delete button would send, posted with the viewer's own view state.
      browser.script(
          "const form = document.createElement('form');"
              + "form.method = 'post'; form.action = window.location.href;"
              + "const add = (name, value) => { const i = document.createElement('input');"
              + "  i.type = 'hidden'; i.name = name; i.value = value; form.appendChild(i); };"
              + "add('delete-form', 'delete-form');"
              + "add('delete-form:confirm', arguments[0]);"
              + "add('delete-form:delete', '');"
              + "add('jakarta.faces.ViewState',"
              + "  document.querySelector(\"input[name='jakarta.faces.ViewState']\").value);"
              + "document.body.appendChild(form); form.submit();",
          topic);
      browser.waitForAjax();
      assertEquals(200, http.get("/topics/" + topic).status(), "the topic is still there");
    }
  }
}
