package org.tributary.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KafkaComparisonTest {

  @Test
  void theTableGivesTheRatioAndChecksTheIssuesTargets() {
    KafkaResults kafka = new KafkaResults();
    kafka.putAll(
        Map.of(
            KafkaFigure.PRODUCE_100_RECORDS, 100_000.0,
            KafkaFigure.SEND_GET_P50, 1.0,
            KafkaFigure.CONSUME_RECORDS, 200_000.0));
    KafkaResults tributary = new KafkaResults();
    tributary.putAll(
        Map.of(
            KafkaFigure.PRODUCE_100_RECORDS, 60_000.0,
            KafkaFigure.SEND_GET_P50, 2.5,
            KafkaFigure.CONSUME_RECORDS, 50_000.0));
    tributary.fail("end to end", "UnsupportedVersionException: no FIND_COORDINATOR");

    String table = print(kafka, tributary);

    assertEquals(
        "produce 100 B, acks=all, linger.ms=5 records/s 100,000 60,000 0.60 >= 0.5 x: met",
        line(table, "produce 100 B, acks=all, linger.ms=5     records/s"));
    assertEquals(
        "send().get() 100 B, acks=all p50 ms 1.00 2.50 2.50 <= 2.0 x: MISSED",
        line(table, "send().get() 100 B, acks=all             p50 ms"));
    assertEquals(
        "consume 100 B backlog, assign() records/s 200,000 50,000 0.25 >= 0.5 x: MISSED",
        line(table, "consume 100 B backlog, assign()          records/s"));
    assertEquals(
        "end to end 100 B, subscribe() p50 ms failed failed -",
        line(table, "end to end 100 B, subscribe()            p50 ms"));
    assertTrue(
        table.contains(
            "Tributary end to end FAILED: UnsupportedVersionException: no FIND_COORDINATOR"),
        table);
  }

  @Test
  void aTargetLeftOutIsNotRunAndItsTargetsNotMeasured() {
    KafkaResults kafka = new KafkaResults();
    kafka.putAll(Map.of(KafkaFigure.PRODUCE_100_RECORDS, 100_000.0));

    String table = print(kafka, KafkaResults.NOT_RUN);

    assertEquals(
        "produce 100 B, acks=all, linger.ms=5 records/s 100,000 not run - >= 0.5 x: not measured",
        line(table, "produce 100 B, acks=all, linger.ms=5     records/s"));
  }

  private static String print(KafkaResults kafka, KafkaResults tributary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KafkaComparison.print(
        "Kafka 4.4.0", kafka, tributary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The table's line that starts with the prefix, its columns joined by single spaces. */
  private static String line(String table, String prefix) {
    return Stream.of(table.split("\n"))
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + table))
        .strip()
        .replaceAll(" {2,}", " ");
  }
}
