package org.tributary.system.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.browser.ConsoleBrowser;

/**
 * A first start without a configured admin password, on a server of its own with an empty data
 * directory: the generated password is logged once, works only for changing it in the console (the
 * HTTP API refuses it until then), and after the change only the new one works.
 */
class FirstStartIT {

  private static final Pattern GENERATED =
      Pattern.compile("generated password (\\S+) \\(shown only this once\\)");
  private static final String CHOSEN = "the-admins-own-password";

  private final OwnServer server =
      new OwnServer(
          Path.of(System.getProperty("first-start.test.dir")),
          Integer.parseInt(System.getProperty("crash.test.port")));
  private final String url = server.url();

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void theGeneratedAdminPasswordIsLoggedOnceAndMustBeChangedInTheConsoleFirst() throws Exception {
    // As the other tests' servers, but without any configured password.
    server
        .fresh()
        .start(
            System.getProperty("test.server.options", "")
                .replaceAll("-Dtributary\\.(admin|viewer)\\.password=\\S*", ""),
            Map.of("TRIBUTARY_ADMIN_PASSWORD", "", "TRIBUTARY_VIEWER_PASSWORD", ""));
    List<String> logged =
        Files.readAllLines(server.work().resolve("server.log")).stream()
            .filter(line -> line.contains("generated password"))
            .toList();
    assertEquals(1, logged.size(), logged::toString);
    Matcher found = GENERATED.matcher(logged.get(0));
    assertTrue(found.find(), logged.get(0));
    String generated = found.group(1);

    Answer beforeTheChange = new TributaryHttp(url).as("admin", generated).get("/topics");
    assertEquals(403, beforeTheChange.status(), beforeTheChange::toString);
    assertEquals(40302, beforeTheChange.errorCode(), beforeTheChange::toString);

    try (ConsoleBrowser browser = new ConsoleBrowser(url)) {
      browser.signIn("admin", generated);
      assertEquals("/console/password.xhtml", browser.path());
      browser.open("/console/topics.xhtml");
      assertEquals("/console/password.xhtml", browser.path(), "nothing else before the change");
      browser.type(By.id("change:current"), generated);
      browser.type(By.id("change:replacement"), CHOSEN);
      browser.type(By.id("change:repeated"), CHOSEN);
      browser.clickAndLoad(By.id("change:submit"));
      assertEquals("/console/index.xhtml", browser.path());

      browser.signOut();
      browser.signIn("admin", generated);
      assertTrue(browser.isPresent(By.id("failed")), "the generated password is spent");
      browser.signIn("admin", CHOSEN);
      assertEquals("/console/index.xhtml", browser.path());
    }
    assertEquals(401, new TributaryHttp(url).as("admin", generated).get("/topics").status());
    Answer afterTheChange = new TributaryHttp(url).as("admin", CHOSEN).get("/topics");
    assertEquals(200, afterTheChange.status(), afterTheChange::toString);
  }
}
