package org.tributary.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * A small HTTP client for the tests: requests to one Tributary, JSON answers. Requests are signed
 * in with HTTP Basic as {@code admin} (the test servers' password, system property {@code
 * console.admin.password}) unless the client was made for another user ({@link #as}) or for nobody
 * ({@link #anonymous}).
 */
public final class TributaryHttp {

  public static final String BINARY = "application/vnd.kafka.binary.v2+json";
  public static final String JSON = "application/vnd.kafka.json.v2+json";

  /** Control bodies of the v2 resources (consumers, subscriptions, offsets). */
  public static final String V2 = "application/vnd.kafka.v2+json";

  /** Bodies of the v3 resources. */
  public static final String APPLICATION_JSON = "application/json";

  /** The user every test acts as unless it says otherwise. */
  public static final String ADMIN = "admin";

  private final String baseUrl;
  private final String user;
  private final String authorization;
  private final HttpClient client;

  /** A client signed in as {@code admin}. */
  public TributaryHttp(String baseUrl) {
    this(
        baseUrl,
        ADMIN,
        adminPassword(),
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  private TributaryHttp(String baseUrl, String user, String password, HttpClient client) {
    this.baseUrl = baseUrl;
    this.user = user;
    this.authorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.client = client;
  }

  /** The same server, signed in as another user. */
  public TributaryHttp as(String user, String password) {
    return new TributaryHttp(baseUrl, user, password, client);
  }

  /** The same server, without credentials. */
  public TributaryHttp anonymous() {
    return new TributaryHttp(baseUrl, null, null, client);
  }

  /** Who this client signs in as; null when anonymous. */
  public String user() {
    return user;
  }

  /** The test servers' admin password, which the build passes to the servers and to the tests. */
  public static String adminPassword() {
    String password = System.getProperty("console.admin.password");
    if (password == null) {
      throw new IllegalStateException(
          "System property console.admin.password is not set; system-tests/pom.xml passes it.");
    }
    return password;
  }

  /** The server the build started for this test run (system property {@code tributary.url}). */
  public static TributaryHttp fromSystemProperty() {
    return new TributaryHttp(System.getProperty("tributary.url", "http://127.0.0.1:8080"));
  }

  /** The value of the Authorization header this client sends; null when anonymous. */
  public String authorization() {
    return authorization;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A topic name no other test uses: tests share one server and must not assume empty tables. */
  public static String uniqueTopic(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public Answer get(String path) {
    return send(request(path).GET());
  }

  public Answer post(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A GET whose answer is negotiated: the records of a v2 consumer instance, for one. */
  public Answer get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  /**
   * A GET with a body, as REST Proxy's {@code GET .../offsets} takes one. Over HTTP/1.1: on an h2c
   * connection Payara's Grizzly drops the body of a GET.
   */
  public Answer getWithBody(String path, String contentType, String body) {
    return send(
        request(path)
            .version(HttpClient.Version.HTTP_1_1)
            .header("Content-Type", contentType)
            .method("GET", HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer put(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer patch(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer delete(String path) {
    return send(request(path).DELETE());
  }

  /**
   * A request to a path of this server with this client's credentials, for tests that send it their
   * own way (a chunked body, another HTTP version).
   */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: its status, its raw body, and the body as JSON on demand. */
  public record Answer(int status, String body, HttpResponse<String> response) {

    public JsonStructure json() {
      return Json.createReader(new StringReader(body)).read();
    }

    public JsonObject object() {
      return (JsonObject) json();
    }

    public JsonArray array() {
      return (JsonArray) json();
    }

    public int errorCode() {
      return object().getInt("error_code");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
