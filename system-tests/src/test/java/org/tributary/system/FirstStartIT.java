package org.tributary.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.tributary.system.TributaryHttp.Answer;

/**
 * A first start without a configured admin password, on a server of its own with an empty data
 * directory: the generated password is logged once, works only for changing it in the console (the
 * HTTP API refuses it until then), and after the change only the new one works.
 */
class FirstStartIT {

  private static final Pattern GENERATED =
      Pattern.compile("generated password (\\S+) \\(shown only this once\\)");
  private static final String CHOSEN = "the-admins-own-password";

  private final Path work = Path.of(System.getProperty("first-start.test.dir"));
  private final String port = System.getProperty("crash.test.port");
  private final String url = "http://127.0.0.1:" + port;

  @AfterEach
  void stopServer() throws Exception {
    server("stop");
  }

  @Test
  void theGeneratedAdminPasswordIsLoggedOnceAndMustBeChangedInTheConsoleFirst() throws Exception {
    deleteRecursively(work);
    server("start");
    List<String> logged =
        Files.readAllLines(work.resolve("server.log")).stream()
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

  /** Starts the server as the other tests' servers, but without any configured password. */
  private void server(String command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.add(System.getProperty("scripts") + "/micro-server.sh");
    args.add(command);
    if (command.equals("start")) {
      args.add(System.getProperty("micro.target"));
      args.add(port);
      args.add(work.toString());
      args.add(
          System.getProperty("test.server.options", "")
              .replaceAll("-Dtributary\\.(admin|viewer)\\.password=\\S*", ""));
    } else {
      args.add(work.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(args).inheritIO();
    builder.environment().remove("TRIBUTARY_ADMIN_PASSWORD");
    builder.environment().remove("TRIBUTARY_VIEWER_PASSWORD");
    Process process = builder.start();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "server " + command + " finished in time");
    assertEquals(0, process.exitValue(), "server " + command + " succeeded");
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (Files.exists(path)) {
      try (var files = Files.walk(path)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
