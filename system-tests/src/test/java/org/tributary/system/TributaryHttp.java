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
 * A small HTTP client for the tests: requests to one Tributary as one user (HTTP Basic; the test
 * servers' admin unless told otherwise), JSON answers.
 */
public final class TributaryHttp {

  public static final String BINARY = "application/vnd.kafka.binary.v2+json";
  public static final String JSON = "application/vnd.kafka.json.v2+json";

  /** Control bodies of the v2 resources (consumers, subscriptions, offsets). */
  public static final String V2 = "application/vnd.kafka.v2+json";

  /** Bodies of the v3 resources. */
  public static final String APPLICATION_JSON = "application/json";

  private final String baseUrl;
  private final String authorization;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public TributaryHttp(String baseUrl) {
    this(baseUrl, "admin", System.getProperty("console.admin.password"));
  }

  public TributaryHttp(String baseUrl, String user, String password) {
    this.baseUrl = baseUrl;
    this.authorization = "Basic " + base64(user + ":" + password);
  }

  /** The server the build started for this test run (system property {@code tributary.url}). */
  public static TributaryHttp fromSystemProperty() {
    return new TributaryHttp(System.getProperty("tributary.url", "http://127.0.0.1:8080"));
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
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Answer post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A GET whose answer is negotiated: the records of a v2 consumer instance, for one. */
  public Answer get(String path, String accept) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
  }

  /** A GET with a body, as REST Proxy v2's {@code GET .../offsets} takes one. */
  /**
   * A GET with a body, as REST Proxy's {@code GET .../offsets} takes one. Over HTTP/1.1: on an h2c
   * connection Payara's Grizzly drops the body of a GET.
   */
  public Answer getWithBody(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .version(HttpClient.Version.HTTP_1_1)
            .header("Content-Type", contentType)
            .method("GET", HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer put(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer patch(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request
                  .header("Authorization", authorization)
                  .timeout(Duration.ofSeconds(60))
                  .build(),
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
