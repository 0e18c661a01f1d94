package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * The message browser's record tools: re-produce a shown record, redrive a dead-letter topic,
 * filters by field and operator (a runaway regex among them), import of an exported file; and that
 * a viewer gets none of the tools that change anything.
 */
class RecordToolsBrowserIT {

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private static final MessagePage page = new MessagePage(browser);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void aShownRecordIsCopiedIntoTheFormEditedAndProducedToAnotherTopic() {
    String source = uniqueTopic("console-reproduce");
    String target = uniqueTopic("console-reproduce-to");
    Fixtures.createTopic(http, source, 1);
    Fixtures.createTopic(http, target, 1);
    produceWithHeaders(source, "order-1", "{\"id\":1}", Map.of("source", "web"));
    page.open(source);

    browser.clickAndWait(By.id("browse:records:0:reproduce"));
    assertEquals("order-1", browser.find(By.id("produce:key")).getAttribute("value"));
    assertEquals("{\"id\":1}", browser.find(By.id("produce:value")).getAttribute("value"));
    assertEquals("source: web", browser.find(By.id("produce:headers")).getAttribute("value"));
    assertTrue(browser.text(By.id("produce:copied-from")).contains("partition 0, offset 0"));

    browser.type(By.id("produce:value"), "{\"id\":1,\"fixed\":true}");
    browser.select(By.id("produce:topic"), target);
    browser.clickAndWait(By.id("produce:produce-submit"));
    assertTrue(
        browser.messages().contains("Produced to " + target + ", partition 0 at offset 0"),
        browser.messages());

    page.open(target);
    assertEquals(List.of("{\"id\":1,\"fixed\":true}"), page.values());
    assertEquals("order-1", MessagePage.cell(page.rows().get(0), ".key-cell"));
    assertEquals("source: web", MessagePage.cell(page.rows().get(0), ".headers-cell"));
  }

  @Test
  void aRecordWithABinaryValueIsNotCopiedIntoTheTextForm() {
    String topic = uniqueTopic("console-reproduce-binary");
    Fixtures.createTopic(http, topic, 1);
    Answer produced =
        http.post(
            "/topics/" + topic + "/partitions/0",
            TributaryHttp.BINARY,
            "{\"records\":[{\"value\":\"/wA=\"}]}");
    assertEquals(200, produced.status(), produced::toString);
    page.open(topic);

    browser.clickAndWait(By.id("browse:records:0:reproduce"));
    assertTrue(
        String.join(" ", browser.errors()).contains("partition 0, offset 0 holds binary data"),
        browser.messages());
    assertEquals("", browser.find(By.id("produce:value")).getAttribute("value"));
  }

  @Test
  void copyingARecordThatLeftTheLogSinceThePageShowedItIsAMessageNotAnErrorPage() {
    String topic = uniqueTopic("console-reproduce-gone");
    Fixtures.createTopic(http, topic, 1);
    // Larger than the page keeps of a value: the copy reads the record again.
    produceWithHeaders(topic, "big", "x".repeat(70_000), Map.of());
    page.open(topic);

    Answer deleted =
        http.post(
            Fixtures.v3(http, "/topics/" + topic + "/records:delete"),
            TributaryHttp.APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":-1}]}");
    assertEquals(200, deleted.status(), deleted::toString);
    browser.clickAndWait(By.id("browse:records:0:reproduce"));
    String errors = String.join(" ", browser.errors());
    assertTrue(errors.contains("OFFSET_OUT_OF_RANGE"), errors);
    assertEquals("", browser.find(By.id("produce:value")).getAttribute("value"));

    Answer gone = http.delete(Fixtures.v3(http, "/topics/" + topic));
    assertEquals(204, gone.status(), gone::toString);
    browser.clickAndWait(By.id("browse:records:0:reproduce"));
    errors = String.join(" ", browser.errors());
    assertTrue(errors.contains("UNKNOWN_TOPIC_OR_PARTITION"), errors);
  }

  @Test
  void redriveIsOfferedForDeadLettersWhateverTheirTopicIsCalled() {
    String topic = uniqueTopic("console-orders");
    String dlt = uniqueTopic("failed-orders");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.createTopic(http, dlt, 1);
    produceWithHeaders(dlt, "k-1", "failed once", Map.of("tributary.dlt.topic", topic));
    page.open(dlt);

    browser.tick(By.id("browse:records:0:pick"));
    browser.clickAndWait(By.id("browse:redrive-selected"));
    assertTrue(browser.messages().contains("Redrive: sent 1, skipped 0"), browser.messages());

    page.open(topic);
    assertEquals(List.of("failed once"), page.values());
    assertFalse(browser.isPresent(By.id("browse:redrive-all")), "no dead letters shown");
  }

  @Test
  void redriveSendsTickedRecordsBackOnceAndSaysWhyOthersWereSkipped() {
    String topic = uniqueTopic("console-redrive");
    String dlt = topic + ".DLT";
    Fixtures.createTopic(http, topic, 2);
    Fixtures.createTopic(http, dlt, 1);
    produceWithHeaders(
        dlt,
        "k-1",
        "failed once",
        Map.of(
            "trace", "t-1",
            "tributary.dlt.topic", topic,
            "tributary.dlt.exception", "java.lang.IllegalStateException"));
    produceWithHeaders(dlt, "k-2", "no header", Map.of("trace", "t-2"));
    produceWithHeaders(
        dlt, "k-3", "topic gone", Map.of("tributary.dlt.topic", uniqueTopic("never-created")));
    page.open(dlt);
    assertEquals(3, page.rows().size());

    for (int row = 0; row < 3; row++) {
      browser.tick(By.id("browse:records:" + row + ":pick"));
    }
    browser.clickAndWait(By.id("browse:redrive-selected"));
    assertTrue(browser.messages().contains("Redrive: sent 1, skipped 2"), browser.messages());
    String results = browser.text(By.id("browse:redrive-results"));
    assertTrue(results.contains("0-0 sent to " + topic), results);
    assertTrue(results.contains("0-1 skipped: no tributary.dlt.topic header"), results);
    assertTrue(results.contains("0-2 skipped: its topic 'never-created"), results);
    assertTrue(results.contains("no longer exists"), results);
    browser.screenshot("messages-redrive");

    browser.tick(By.id("browse:records:0:pick"));
    browser.clickAndWait(By.id("browse:redrive-selected"));
    assertTrue(browser.messages().contains("Redrive: sent 0, skipped 1"), browser.messages());
    assertTrue(
        browser.text(By.id("browse:redrive-results")).contains("0-0 skipped: already redriven to "),
        browser.text(By.id("browse:redrive-results")));

    browser.clickAndWait(By.id("browse:redrive-all"));
    assertTrue(browser.messages().contains("Redrive: sent 0, skipped 3"), browser.messages());

    page.open(topic);
    assertEquals(List.of("failed once"), page.values(), "sent once, whatever was clicked");
    assertEquals("trace: t-1", MessagePage.cell(page.rows().get(0), ".headers-cell"));
    assertEquals("k-1", MessagePage.cell(page.rows().get(0), ".key-cell"));

    Answer trail = http.get(Fixtures.v3(http, "/audit-log?kind=dlt.redrive&topic=" + topic));
    assertEquals(200, trail.status(), trail::toString);
    List<JsonObject> entries = trail.object().getJsonArray("data").getValuesAs(JsonObject.class);
    assertEquals(1, entries.size(), "one audited redrive: " + entries);
    assertEquals(dlt, entries.get(0).getJsonObject("before").getString("topic"), trail::toString);
    assertEquals("admin", entries.get(0).getString("actor"), trail::toString);
  }

  @Test
  void filtersCompareAHeaderAJsonPathOrTheValueByTheChosenOperator() {
    String topic = uniqueTopic("console-filters");
    Fixtures.createTopic(http, topic, 1);
    produceWithHeaders(
        topic,
        "a",
        "{\"customer\":{\"id\":42},\"items\":[{\"sku\":\"X-1\"}]}",
        Map.of("region", "eu"));
    produceWithHeaders(
        topic,
        "b",
        "{\"customer\":{\"id\":7},\"items\":[{\"sku\":\"Y-2\"}]}",
        Map.of("region", "us"));
    produceWithHeaders(topic, "c", "plain text, no JSON", Map.of());
    page.open(topic);
    browser.select(By.id("browse:start"), "Earliest");

    filter("JSON path in the value", "$.customer.id", "equals", "42");
    assertEquals(List.of("a"), keys());
    filter("JSON path in the value", "$.items[0].sku", "matches regex", "^Y-\\d$");
    assertEquals(List.of("b"), keys());
    filter("Header named", "region", "does not contain", "EU");
    assertEquals(List.of("b"), keys(), "records without the header are not shown");
    filter("Value", "", "does not contain", "customer");
    assertEquals(List.of("c"), keys());
    filter("Key", "", "equals", "c");
    assertEquals(List.of("c"), keys());

    filter("JSON path in the value", "$..id", "equals", "42");
    assertTrue(String.join(" ", browser.errors()).contains("is not valid"), browser.messages());
  }

  @Test
  void aRunawayRegexStopsAtItsBudgetWithAMessage() {
    String topic = uniqueTopic("console-regex");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "a".repeat(100_000) + "!");
    page.open(topic);

    long started = System.nanoTime();
    filter("Value", "", "matches regex", "(a+)+$");
    String errors = String.join(" ", browser.errors());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(errors.contains("ran past its budget of 2000 ms"), errors);
    assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "answered after " + took);
    browser.screenshot("messages-regex-budget");

    filter("Value", "", "matches regex", "!$");
    assertEquals(1, page.rows().size(), "the page works on");
  }

  @Test
  void anExportedFileImportsIntoAnotherTopicAndAMalformedOneImportsNothing() throws IOException {
    String source = uniqueTopic("console-export-src");
    String target = uniqueTopic("console-import-to");
    Fixtures.createTopic(http, source, 1);
    Fixtures.createTopic(http, target, 1);
    produceWithHeaders(source, "k1", "=1+2", Map.of("h", "v"));
    produceWithHeaders(source, "k2", "line one\nline \"two\", with comma", Map.of());
    page.open(source);
    browser.click(By.id("browse:export-csv"));
    Path csv = browser.downloaded(source + "-records.csv");
    browser.click(By.id("browse:export-json"));
    Path json = browser.downloaded(source + "-records.json");

    page.open(target);
    importFile(csv, target);
    assertTrue(browser.messages().contains("Imported 2 records"), browser.messages());
    importFile(json, target);
    assertTrue(browser.messages().contains("Imported 2 records"), browser.messages());
    page.open(target);
    assertEquals(
        List.of(
            "=1+2",
            "line one\nline \"two\", with comma",
            "=1+2",
            "line one\nline \"two\", with comma"),
        page.values());
    assertEquals("h: v", MessagePage.cell(page.rows().get(2), ".headers-cell"));

    Path malformed = Files.createTempFile(Path.of("target"), "malformed", ".csv");
    Files.writeString(
        malformed,
        "partition,offset,timestamp,key,value,headers\r\n"
            + "0,0,2026-01-01T00:00:00Z,\"ok\",\"fine\",\"\"\r\n"
            + "0,1,2026-01-01T00:00:00Z,\"bad\",\"base64:***\",\"\"\r\n",
        StandardCharsets.UTF_8);
    importFile(malformed, target);
    String errors = String.join(" ", browser.errors());
    assertTrue(errors.contains("Line 3, value is not valid base64"), errors);
    assertTrue(errors.contains("Nothing was imported"), errors);
    Path tooLarge = Files.createTempFile(Path.of("target"), "too-large", ".json");
    Files.write(tooLarge, new byte[3 * 1024 * 1024]);
    importFile(tooLarge, target);
    assertTrue(
        String.join(" ", browser.errors()).contains("an import takes at most 2097152"),
        browser.messages());

    page.open(target);
    assertEquals(4, page.rows().size(), "not even the good first line");
  }

  @Test
  void aViewerGetsNoReproduceRedriveNorImport() {
    String dlt = uniqueTopic("console-viewer-tools") + ".DLT";
    Fixtures.createTopic(http, dlt, 1);
    produceWithHeaders(dlt, "k", "dead", Map.of("tributary.dlt.topic", "anything"));
    try (ConsoleBrowser viewer = new ConsoleBrowser()) {
      viewer.signIn(ConsoleBrowser.VIEWER);
      new MessagePage(viewer).open(dlt);
      assertTrue(viewer.driver().getPageSource().contains("dead"));
      assertFalse(viewer.isPresent(By.id("browse:records:0:reproduce")));
      assertFalse(viewer.isPresent(By.id("browse:records:0:pick")));
      assertFalse(viewer.isPresent(By.id("browse:redrive-selected")));
      assertFalse(viewer.isPresent(By.id("browse:redrive-all")));
      assertFalse(viewer.isPresent(By.id("import:import-submit")));
      assertFalse(viewer.isPresent(By.id("produce:produce-submit")));
    }
  }

  private static void filter(String field, String name, String operator, String text) {
    browser.select(By.id("browse:filter-field"), field);
    browser.type(By.id("browse:filter-name"), name);
    browser.select(By.id("browse:filter-operator"), operator);
    browser.type(By.id("browse:filter"), text);
    browser.clickAndWait(By.id("browse:go"));
  }

  private static List<String> keys() {
    return page.rows().stream().map(row -> MessagePage.cell(row, ".key-cell")).toList();
  }

  private static void importFile(Path file, String topic) {
    browser.find(By.id("import:import-file")).sendKeys(file.toAbsolutePath().toString());
    browser.select(By.id("import:import-topic"), topic);
    browser.clickAndLoad(By.id("import:import-submit"));
  }

  /** One record with text key, value and headers, through v3 to partition 0. */
  private void produceWithHeaders(
      String topic, String key, String value, Map<String, String> headers) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    headers.forEach(
        (name, text) ->
            list.add(
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("value", TributaryHttp.base64(text))));
    Answer produced =
        http.post(
            Fixtures.v3(http, "/topics/" + topic + "/records"),
            TributaryHttp.APPLICATION_JSON,
            Json.createObjectBuilder()
                .add("partition_id", 0)
                .add("headers", list)
                .add("key", Json.createObjectBuilder().add("type", "STRING").add("data", key))
                .add("value", Json.createObjectBuilder().add("type", "STRING").add("data", value))
                .build()
                .toString());
    assertEquals(200, produced.status(), produced::toString);
    assertEquals(200, produced.object().getInt("error_code"), produced::toString);
  }
}
