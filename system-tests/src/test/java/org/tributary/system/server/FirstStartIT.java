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
 * directory: the generated password is logged once, works only for changing it (in the console, or
 * headless over the API's own-password call; every other API call refuses it until then), and after
 * the change only the new one works.
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

  /** Starts the server afresh without any configured password; answers the generated one. */
  private String startWithAGeneratedPassword() throws Exception {
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
    return found.group(1);
  }

  @Test
  void theGeneratedAdminPasswordIsLoggedOnceAndMustBeChangedInTheConsoleFirst() throws Exception {
    String generated = startWithAGeneratedPassword();

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

  @Test
  void theGeneratedAdminPasswordCanBeChangedOverTheApiWithoutABrowser() throws Exception {
    String generated = startWithAGeneratedPassword();
    TributaryHttp withGenerated = new TributaryHttp(url).as("admin", generated);

    // The refusal names the one call that is allowed, with this server's cluster id.
    Answer refused = withGenerated.get("/v3/clusters");
    assertEquals(403, refused.status(), refused::toString);
    assertEquals(40302, refused.errorCode(), refused::toString);
    Matcher named =
        Pattern.compile("POST .* to (/v3/clusters/[^/]+/users/admin/password)")
            .matcher(refused.object().getString("message"));
    assertTrue(named.find(), refused::toString);
    String passwordPath = named.group(1);

    Answer wrongCurrent =
        withGenerated.post(passwordPath, TributaryHttp.APPLICATION_JSON, change("wrong", CHOSEN));
    assertEquals(422, wrongCurrent.status(), wrongCurrent::toString);
    assertTrue(
        wrongCurrent.body().contains("current password is not right"), wrongCurrent::toString);
    Answer tooShort =
        withGenerated.post(passwordPath, TributaryHttp.APPLICATION_JSON, change(generated, "x"));
    assertEquals(422, tooShort.status(), tooShort::toString);
    Answer adminReset =
        withGenerated.post(
            passwordPath, TributaryHttp.APPLICATION_JSON, "{\"password\":\"" + CHOSEN + "\"}");
    assertEquals(403, adminReset.status(), adminReset::toString);
    assertEquals(40302, adminReset.errorCode(), "the reset form is not the change: " + adminReset);
    assertEquals(403, withGenerated.get("/topics").status(), "still nothing else");

    Answer changed =
        withGenerated.post(passwordPath, TributaryHttp.APPLICATION_JSON, change(generated, CHOSEN));
    assertEquals(204, changed.status(), changed::toString);

    assertEquals(401, withGenerated.get("/topics").status(), "the generated password is spent");
    Answer afterTheChange = new TributaryHttp(url).as("admin", CHOSEN).get("/v3/clusters");
    assertEquals(200, afterTheChange.status(), afterTheChange::toString);
  }

  private static String change(String current, String replacement) {
    return "{\"current_password\":\"" + current + "\",\"new_password\":\"" + replacement + "\"}";
  }
}
