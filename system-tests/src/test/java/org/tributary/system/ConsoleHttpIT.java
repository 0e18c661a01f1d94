package org.tributary.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp.Answer;

/**
 * The console over plain HTTP, in both packagings (the merged WAR on Micro, the console WAR in the
 * EAR): sign-in, pages, and forms whose view state the server does not know. The browser tests
 * cover the rest.
 */
class ConsoleHttpIT {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void rootSendsBrowsersToTheConsole() {
    Answer root = http.get("/");
    assertEquals(303, root.status());
    assertTrue(
        root.response().headers().firstValue("Location").orElseThrow().endsWith("/console/"));
  }

  @Test
  void consolePagesNeedSignInWhileTheLoginPageAndItsStylesAreOpen() {
    Session anonymous = new Session();
    HttpResponse<String> page = anonymous.get("/console/topics.xhtml");
    assertEquals(302, page.statusCode());
    assertTrue(location(page).endsWith("/console/login.xhtml"), location(page));

    HttpResponse<String> login = anonymous.get("/console/login.xhtml");
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("id=\"login\""));
    Matcher stylesheet =
        Pattern.compile("href=\"([^\"]*console\\.css[^\"]*)\"").matcher(login.body());
    assertTrue(stylesheet.find(), login.body());
    assertEquals(200, anonymous.get(stylesheet.group(1).replace("&amp;", "&")).statusCode());
  }

  @Test
  void aSignedInAdminSeesTheTopicsAndAWrongPasswordIsRefused() {
    Session wrong = new Session();
    HttpResponse<String> refused = wrong.signIn("admin", "wrong-password");
    assertEquals(302, refused.statusCode());
    assertTrue(location(refused).contains("login.xhtml?failed=true"), location(refused));
    assertEquals(302, wrong.get("/console/topics.xhtml").statusCode(), "still signed out");

    String topic = uniqueTopic("console-http");
    Fixtures.createTopic(http, topic, 2);
    Session admin = new Session();
    HttpResponse<String> signedIn =
        admin.signIn("admin", System.getProperty("console.admin.password"));
    assertEquals(302, signedIn.statusCode());
    assertTrue(location(signedIn).endsWith("/console/index.xhtml"), location(signedIn));
    assertEquals(200, admin.get("/console/topics.xhtml").statusCode());
    HttpResponse<String> page = admin.get("/console/topic.xhtml?name=" + topic);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"topic-title\">" + topic + "<"), page::body);
  }

  @Test
  void aFormWithAnUnknownViewStateBringsThePageBackWithAMessageNotAnError() {
    Session admin = new Session();
    admin.signIn("admin", System.getProperty("console.admin.password"));
    HttpResponse<String> forged =
        admin.post("/console/index.xhtml", Map.of("jakarta.faces.ViewState", "forged", "x", "y"));
    assertEquals(302, forged.statusCode(), forged::body);
    HttpResponse<String> again = admin.get(URI.create(location(forged)).getPath());
    assertEquals(200, again.statusCode());
    assertTrue(again.body().contains("The page had expired"), again.body());
    assertFalse(again.body().contains("Exception"));
  }

  private static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  /** A browser-like HTTP session: cookies kept, redirects not followed. */
  private final class Session {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    String sessionId() {
      return cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("JSESSIONID"))
          .map(java.net.HttpCookie::getValue)
          .findFirst()
          .orElse("");
    }

    HttpResponse<String> get(String path) {
      return send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
      String body =
          form.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      return send(
          HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> signIn(String user, String password) {
      HttpResponse<String> login = get("/console/login.xhtml");
      Matcher viewState = VIEW_STATE.matcher(login.body());
      assertTrue(viewState.find(), login.body());
      return post(
          "/console/login.xhtml",
          Map.of(
              "login",
              "login",
              "login:username",
              user,
              "login:password",
              password,
              "login:submit",
              "",
              "jakarta.faces.ViewState",
              viewState.group(1)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }
}
