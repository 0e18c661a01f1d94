package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;

/**
 * The console over plain HTTP, in both packagings (the merged WAR on Micro, the console WAR in the
 * EAR): sign-in, pages, security headers, and requests another site could make a signed-in browser
 * send (forms without the page's view state, links to protected pages). The browser tests cover the
 * rest.
 */
class ConsoleHttpIT {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern STYLESHEET = Pattern.compile("href=\"([^\"]*console\\.css[^\"]*)\"");

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void rootSendsBrowsersToTheConsole() {
    HttpResponse<String> root = new Session().get("/");
    assertTrue(root.statusCode() == 302 || root.statusCode() == 303, root::toString);
    assertTrue(location(root).endsWith("/console/"), location(root));
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
    Matcher stylesheet = STYLESHEET.matcher(login.body());
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

  @Test
  void consolePagesCarryTheSecurityHeadersAndRunOnlyScriptsWithTheirNonce() {
    Session admin = new Session();
    assertPolicedPage(admin.get("/console/login.xhtml"));
    admin.signIn("admin", System.getProperty("console.admin.password"));
    for (String page : List.of("/console/index.xhtml", "/console/topics.xhtml")) {
      assertPolicedPage(admin.get(page));
    }
    HttpResponse<String> login = admin.get("/console/login.xhtml");
    Matcher stylesheet = STYLESHEET.matcher(login.body());
    assertTrue(stylesheet.find(), login.body());
    HttpResponse<String> css = admin.get(stylesheet.group(1).replace("&amp;", "&"));
    assertEquals(List.of("nosniff"), css.headers().allValues("X-Content-Type-Options"));
    assertTrue(
        css.headers().allValues("Cache-Control").stream().noneMatch(v -> v.contains("no-store")));
  }

  /** The headers, one policy whose scripts need the page's nonce, and scripts that carry it. */
  private static void assertPolicedPage(HttpResponse<String> page) {
    assertEquals(200, page.statusCode(), page::body);
    HttpHeaders headers = page.headers();
    assertEquals(List.of("nosniff"), headers.allValues("X-Content-Type-Options"));
    assertEquals(List.of("DENY"), headers.allValues("X-Frame-Options"));
    assertEquals(List.of("same-origin"), headers.allValues("Referrer-Policy"));
    assertEquals(List.of("no-store"), headers.allValues("Cache-Control"));
    List<String> policies = headers.allValues("Content-Security-Policy");
    assertEquals(1, policies.size(), policies::toString);
    String policy = policies.get(0);
    assertTrue(policy.startsWith("default-src 'self';"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertTrue(policy.contains("object-src 'none'"), policy);
    Matcher scriptSources = Pattern.compile("script-src ([^;]*)").matcher(policy);
    assertTrue(scriptSources.find(), policy);
    Matcher nonce =
        Pattern.compile("^'self' 'nonce-([A-Za-z0-9+/=]+)'$").matcher(scriptSources.group(1));
    assertTrue(nonce.find(), "scripts: the console's files and the page's nonce only: " + policy);

    Matcher scripts = Pattern.compile("<script\\b([^>]*)>").matcher(page.body());
    int inline = 0;
    while (scripts.find()) {
      if (!scripts.group(1).contains("src=")) {
        inline++;
        assertTrue(scripts.group(1).contains("nonce=\"" + nonce.group(1) + "\""), scripts.group());
      }
    }
    assertTrue(inline > 0, "PrimeFaces renders its widgets with inline scripts");
    Matcher handler = Pattern.compile("<[a-z][^>]*\\son[a-z]+=\"").matcher(page.body());
    assertFalse(handler.find(), () -> "an inline event handler: " + handler.group());
  }

  @Test
  void aFormSentWithoutThePagesViewStateChangesNothing() {
    Session admin = new Session();
    admin.signIn("admin", System.getProperty("console.admin.password"));
    String forgedTopic = uniqueTopic("csrf-forged");
    HttpResponse<String> forged =
        admin.post("/console/topics.xhtml", createTopicForm(forgedTopic, "forged-view-state"));
    assertEquals(302, forged.statusCode(), forged::body);
    String withoutViewState = uniqueTopic("csrf-none");
    HttpResponse<String> none =
        admin.post("/console/topics.xhtml", createTopicForm(withoutViewState, null));
    assertEquals(200, none.statusCode(), "a form without a view state only shows the page");
    assertEquals(404, http.get("/topics/" + forgedTopic).status(), "not created");
    assertEquals(404, http.get("/topics/" + withoutViewState).status(), "not created");

    String created = uniqueTopic("csrf-own");
    Matcher viewState = VIEW_STATE.matcher(admin.get("/console/topics.xhtml").body());
    assertTrue(viewState.find());
    HttpResponse<String> own =
        admin.post("/console/topics.xhtml", createTopicForm(created, viewState.group(1)));
    assertEquals(302, own.statusCode(), own::body);
    assertEquals(200, http.get("/topics/" + created).status(), "the page's own form creates it");
  }

  /** What the new-topic dialog sends, with this view state (none if null). */
  private static Map<String, String> createTopicForm(String topic, String viewState) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("create-form", "create-form");
    form.put("create-form:name", topic);
    form.put("create-form:partitions", "1");
    form.put("create-form:create-submit", "");
    if (viewState != null) {
      form.put("jakarta.faces.ViewState", viewState);
    }
    return form;
  }

  @Test
  void aProtectedPageOpensOnlyThroughTheConsolesOwnLinks() {
    Session admin = new Session();
    admin.signIn("admin", System.getProperty("console.admin.password"));
    HttpResponse<String> outside = admin.get("/console/users.xhtml");
    assertEquals(302, outside.statusCode(), outside::body);
    assertTrue(location(outside).endsWith("/console/index.xhtml"), location(outside));
    HttpResponse<String> overview = admin.get(URI.create(location(outside)).getPath());
    assertTrue(overview.body().contains("opens only from the console"), overview::body);

    Matcher link =
        Pattern.compile("href=\"([^\"]*/users\\.xhtml\\?jakarta\\.faces\\.Token=[^\"]+)\"")
            .matcher(overview.body());
    assertTrue(link.find(), overview::body);
    String usersPage = link.group(1).replace("&amp;", "&");
    assertEquals(200, admin.get(usersPage).statusCode());
    HttpResponse<String> fromElsewhere =
        admin.get(usersPage, "Referer", "https://elsewhere.example/page.html");
    assertEquals(302, fromElsewhere.statusCode(), "even with the token, not from another site");
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

    HttpResponse<String> get(String path, String... headers) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).GET();
      return send(headers.length == 0 ? request : request.headers(headers));
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
