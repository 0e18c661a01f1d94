package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/** The message browser: produce, find, views, filter, paging, live tail, export, and safety. */
class MessagesBrowserIT {

  private static final String HOSTILE =
      "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">";

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private static final MessagePage page = new MessagePage(browser);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void aMessageProducedFromThePageIsFoundByOffsetAndShownAsTextJsonOrHex() {
    String topic = uniqueTopic("console-produce");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "a", "b", "c");
    page.open(topic);

    browser.type(By.id("produce:key"), "order-7");
    browser.type(By.id("produce:headers"), "source: console");
    browser.type(By.id("produce:value"), "{\"id\":7,\"items\":[1,2]}");
    browser.clickAndWait(By.id("produce:produce-submit"));
    assertTrue(browser.messages().contains("partition 0 at offset 3"), browser.messages());

    browser.select(By.id("browse:start"), "Offset");
    browser.type(By.id("browse:offset"), "3");
    browser.clickAndWait(By.id("browse:go"));
    List<WebElement> rows = page.rows();
    assertEquals(1, rows.size());
    assertEquals("3", MessagePage.cell(rows.get(0), ".offset-cell"));
    assertEquals("order-7", MessagePage.cell(rows.get(0), ".key-cell"));
    assertEquals("source: console", MessagePage.cell(rows.get(0), ".headers-cell"));
    assertEquals("{\"id\":7,\"items\":[1,2]}", page.value(0));

    page.chooseView("JSON");
    assertTrue(page.value(0).contains("\n    \"id\": 7,"), page.value(0));
    browser.screenshot("messages-json");
    page.chooseView("Hex");
    assertTrue(page.value(0).startsWith("00000000  7b 22 69 64 22 3a 37"), page.value(0));
    assertTrue(
        page.value(0)
                .endsWith(
                    "|{\"id\":7,\"items\":|\n00000010  5b 31 2c 32 5d 7d                                |[1,2]}|")
            || page.value(0).contains("|[1,2]}|"),
        page.value(0));
    page.chooseView("Text");
  }

  @Test
  void aDateTimeFindsTheFirstRecordAtOrAfterIt() {
    String topic = uniqueTopic("console-time");
    // Records from 2020 on: kept for ever, or retention (every second on test servers) takes them.
    Fixtures.createTopic(http, topic, 1, Map.of("retention.ms", "-1"));
    Fixtures.produceV3(http, topic, 0, "in-2020", Instant.parse("2020-01-01T00:00:00Z"));
    Fixtures.produceV3(http, topic, 0, "in-2021", Instant.parse("2021-01-01T00:00:00Z"));
    Fixtures.produceV3(http, topic, 0, "in-2022", Instant.parse("2022-01-01T00:00:00Z"));
    page.open(topic);

    browser.select(By.id("browse:start"), "Date-time");
    browser.type(By.id("browse:datetime"), "2020-06-01T00:00:00Z");
    browser.clickAndWait(By.id("browse:go"));
    assertEquals("in-2021", page.value(0));
    assertEquals("1", MessagePage.cell(page.rows().get(0), ".offset-cell"));

    browser.type(By.id("browse:datetime"), "last tuesday");
    browser.clickAndWait(By.id("browse:go"));
    assertTrue(
        String.join(" ", browser.errors()).contains("2026-11-25T18:00:00"), browser.messages());
  }

  @Test
  void theFilterKeepsRecordsWhoseKeyValueOrHeaderContainsTheText() {
    String topic = uniqueTopic("console-filter");
    Fixtures.createTopic(http, topic, 2);
    Fixtures.produce(http, topic, 0, "apple pie", "banana", "cherry");
    Fixtures.produce(http, topic, 1, "pineapple", "kiwi");
    page.open(topic);

    browser.select(By.id("browse:start"), "Earliest");
    browser.type(By.id("browse:filter"), "APPLE");
    browser.clickAndWait(By.id("browse:go"));
    assertEquals(List.of("apple pie", "pineapple"), page.values().stream().sorted().toList());
    assertTrue(
        browser.text(By.id("summary")).contains("5 scanned"), browser.text(By.id("summary")));
  }

  @Test
  void pagesGoForwardAndBackThroughAPartition() {
    String topic = uniqueTopic("console-pages");
    Fixtures.createTopic(http, topic, 1);
    String[] values = new String[25];
    for (int i = 0; i < values.length; i++) {
      values[i] = "record-" + i;
    }
    Fixtures.produce(http, topic, 0, values);
    page.open(topic);
    assertEquals("record-24", page.values().get(page.values().size() - 1), "latest first");

    browser.select(By.id("browse:start"), "Earliest");
    browser.select(By.id("browse:page-size"), "10");
    browser.clickAndWait(By.id("browse:go"));
    assertEquals("record-0", page.value(0));
    browser.clickAndWait(By.id("browse:newer"));
    assertEquals("record-10", page.value(0));
    browser.clickAndWait(By.id("browse:newer"));
    assertEquals(
        List.of("record-20", "record-21", "record-22", "record-23", "record-24"), page.values());
    assertTrue(!browser.find(By.id("browse:newer")).isEnabled(), "at the end");
    browser.clickAndWait(By.id("browse:older"));
    assertEquals("record-10", page.value(0));
  }

  @Test
  void aCompactedTopicWithFewRecordsOverManyOffsetsOpensAtOnce() {
    String topic = uniqueTopic("console-sparse");
    Fixtures.createTopic(http, topic, 1, Map.of("cleanup.policy", "compact"));
    List<String> early = IntStream.range(0, 5).mapToObj(i -> "early-" + i).toList();
    List<String> late = IntStream.range(0, 5).mapToObj(i -> "late-" + i).toList();
    produceKeyed(topic, early);
    for (int i = 0; i < 2; i++) {
      produceKeyed(topic, Collections.nCopies(100_000, "same"));
    }
    produceKeyed(topic, late);
    // Compaction (every second on the test servers) keeps the latest record of each key: 11
    // records over 200,010 offsets, with one gap of almost all of them.
    Fixtures.await(
        "compaction of " + topic,
        Duration.ofSeconds(60),
        () -> storedBytes(topic) < 2_000 ? Optional.of(true) : Optional.empty());
    List<String> kept = new ArrayList<>(early);
    kept.add("same");
    kept.addAll(late);

    long started = System.nanoTime();
    page.open(topic);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(kept, page.values());
    assertEquals("200004", MessagePage.cell(page.rows().get(5), ".offset-cell"));
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the latest page took " + took);

    browser.select(By.id("browse:start"), "Earliest");
    browser.clickAndWait(By.id("browse:go"));
    assertEquals(kept, page.values());
    assertTrue(!browser.find(By.id("browse:older")).isEnabled(), "at the start");
    assertTrue(!browser.find(By.id("browse:newer")).isEnabled(), "at the end");
  }

  @Test
  void recordContentIsShownAsTextAndNeverRuns() {
    String topic = uniqueTopic("console-xss");
    Fixtures.createTopic(http, topic, 1);
    Answer produced =
        http.post(
            "/topics/" + topic,
            TributaryHttp.JSON,
            Json.createObjectBuilder()
                .add(
                    "records",
                    Json.createArrayBuilder()
                        .add(
                            Json.createObjectBuilder()
                                .add("key", "<b onmouseover=\"window.pwned=3\">key</b>")
                                .add("value", HOSTILE)))
                .build()
                .toString());
    assertEquals(200, produced.status(), produced::toString);
    page.open(topic);

    for (String view : List.of("Text", "JSON", "Hex")) {
      page.chooseView(view);
      assertNull(browser.script("return window.pwned;"), view);
      assertTrue(browser.findAll(By.cssSelector("#browse\\:records img")).isEmpty(), view);
      assertTrue(browser.findAll(By.cssSelector("#browse\\:records script")).isEmpty(), view);
      assertTrue(browser.findAll(By.cssSelector("#browse\\:records b")).isEmpty(), view);
    }
    page.chooseView("Text");
    assertTrue(page.value(0).contains("<script>window.pwned = 1</script>"), page.value(0));
    assertTrue(page.value(0).contains("<img src=x onerror="), page.value(0));
    assertTrue(
        MessagePage.cell(page.rows().get(0), ".key-cell").contains("<b onmouseover="),
        "key as text");
    browser.screenshot("messages-untrusted-content");
  }

  @Test
  void liveTailShowsRecordsAsTheyArrive() {
    String topic = uniqueTopic("console-tail");
    Fixtures.createTopic(http, topic, 2);
    page.open(topic);
    browser.clickAndWait(By.id("browse:tail"));
    assertTrue(
        browser.isPresent(By.id("browse:poll"))
            || browser.text(By.id("browse:tail")).contains("Stop"));

    Fixtures.produce(http, topic, 1, "arrived-live");
    browser.waitUntil(d -> page.values().contains("arrived-live"));
    Fixtures.produce(http, topic, 0, "and-another");
    browser.waitUntil(d -> page.values().contains("and-another"));
    browser.screenshot("messages-live-tail");
    browser.clickAndWait(By.id("browse:tail"));
  }

  @Test
  void exportDownloadsTheShownRecordsAsJsonAndCsv() throws IOException {
    String topic = uniqueTopic("console-export");
    Fixtures.createTopic(http, topic, 1);
    String large = "x".repeat(100_000);
    Fixtures.produce(http, topic, 0, "first", "=1+2", "third, with \"quotes\"", large);
    page.open(topic);

    browser.click(By.id("browse:export-json"));
    JsonArray exported =
        Json.createReader(
                new StringReader(Files.readString(browser.downloaded(topic + "-records.json"))))
            .readArray();
    assertEquals(4, exported.size());
    assertEquals(
        large, exported.getJsonObject(3).getString("value"), "whole, not as the page cut it");
    JsonObject second = exported.getJsonObject(1);
    assertEquals(1, second.getInt("offset"));
    assertEquals("=1+2", second.getString("value"));
    assertEquals(0, second.getInt("partition"));

    browser.click(By.id("browse:export-csv"));
    List<String> lines =
        Files.readAllLines(browser.downloaded(topic + "-records.csv"), StandardCharsets.UTF_8);
    assertEquals("partition,offset,timestamp,key,value,headers", lines.get(0));
    assertTrue(lines.get(2).endsWith(",\"\",\"'=1+2\",\"\""), lines.get(2));
    assertTrue(lines.get(3).contains("\"third, with \"\"quotes\"\"\""), lines.get(3));
  }

  /** Appends one record per key through v2 (binary), each with its key as its value. */
  private void produceKeyed(String topic, List<String> keys) {
    // Written as text: a JSON builder takes seconds for 100,000 records.
    StringJoiner records = new StringJoiner(",", "{\"records\":[", "]}");
    for (String key : keys) {
      String encoded = TributaryHttp.base64(key); // base64 needs no JSON escaping
      records.add("{\"key\":\"" + encoded + "\",\"value\":\"" + encoded + "\"}");
    }
    Answer produced = http.post("/topics/" + topic, TributaryHttp.BINARY, records.toString());
    assertEquals(200, produced.status(), produced::toString);
  }

  private long storedBytes(String topic) {
    Answer described = http.get(Fixtures.v3(http, "/topics/" + topic));
    assertEquals(200, described.status(), described::toString);
    return described.object().getJsonObject("log").getJsonNumber("size_bytes").longValue();
  }
}
