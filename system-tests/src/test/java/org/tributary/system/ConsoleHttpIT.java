package org.tributary.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp.Answer;

/** The console's pages over HTTP, in both packagings (browser tests come with the console). */
class ConsoleHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void rootSendsBrowsersToTheConsole() {
    Answer root = http.get("/");
    assertEquals(303, root.status());
    assertTrue(
        root.response().headers().firstValue("Location").orElseThrow().endsWith("/console/"));
  }

  @Test
  void consoleListsTopicsWithTheirHighWatermarks() {
    String topic = uniqueTopic("console");
    http.post(
        "/topics/" + topic + "/partitions/2", JSON, "{\"records\":[{\"value\":1},{\"value\":2}]}");
    Answer page = http.get("/console/index.xhtml");
    assertEquals(200, page.status());
    assertTrue(page.body().contains(topic), "topic listed");
    assertTrue(
        page.body().contains("2: 0 → 2"), "partition 2 shows log start 0 and high watermark 2");
    Answer home = http.get("/console/");
    assertTrue(
        home.status() == 200
            || home.status() == 302
                && home.response()
                    .headers()
                    .firstValue("Location")
                    .orElseThrow()
                    .endsWith("/console/index.xhtml"),
        home::toString);
  }

  @Test
  void aConsoleFailureShowsTheConsolesOwnPageNotTheException() {
    Answer failed =
        http.post(
            "/console/index.xhtml",
            "application/x-www-form-urlencoded",
            "jakarta.faces.ViewState=forged&topics=x");
    assertEquals(500, failed.status());
    assertTrue(failed.body().contains("console-error"), failed::toString);
    assertFalse(failed.body().contains("Exception"), failed::toString);
  }
}
