package org.tributary.benchmark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Kafka-protocol comparison: the same {@link KafkaCases} with stock kafka-clients, first
 * against a real Apache Kafka broker started for the run ({@link KafkaBroker}; stopped before
 * Tributary is measured, so the two never share the cores), then against Tributary's Kafka
 * listener; then both side by side with Tributary's figure as a multiple of Kafka's, and the
 * issue's targets at 100 bytes checked.
 *
 * <p>Each target gets warm-up passes whose figures are not printed: both are JVMs that compile
 * their hot paths in their first minutes.
 *
 * <p>Usage: {@code KafkaComparison [tributary url] [tributary kafka bootstrap] [seconds per produce
 * run] [backlog records to consume] [warm-up passes] [broker home] [broker port] [controller
 * port]}; {@code -Dbenchmark.kafka.targets=kafka} or {@code =tributary} runs one side only.
 */
public final class KafkaComparison {

  private static final Duration WARM_UP_RUN = Duration.ofSeconds(2);
  private static final long WARM_UP_BACKLOG = 100_000;
  private static final int WARM_UP_END_TO_END_SENDS = 100;
  private static final int END_TO_END_SENDS = 500;

  /** kafka-clients' INFO lines (every config, every connection) would bury the figures. */
  private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

  private KafkaComparison() {}

  public static void main(String[] args) throws Exception {
    KAFKA_LOG.setLevel(Level.WARNING);
    String url = arg(args, 0, "http://127.0.0.1:8080");
    String tributaryBootstrap = arg(args, 1, "127.0.0.1:9092");
    Duration runTime = Duration.ofSeconds(Long.parseLong(arg(args, 2, "5")));
    long backlog = Long.parseLong(arg(args, 3, "500000"));
    int warmUpPasses = Integer.parseInt(arg(args, 4, "1"));
    Path brokerHome = Path.of(arg(args, 5, "benchmark/target/kafka-broker"));
    int brokerPort = Integer.parseInt(arg(args, 6, "39192"));
    int controllerPort = Integer.parseInt(arg(args, 7, "39193"));
    List<String> targets =
        Arrays.asList(System.getProperty("benchmark.kafka.targets", "kafka,tributary").split(","));
    String kafkaName = "Kafka " + KafkaBroker.version(brokerHome);

    System.out.printf(
        "Kafka-protocol cases, %d s per produce run, %d-record backlog, %d end-to-end sends,"
            + " %d warm-up pass(es) per target; %d cores, load average %.2f at %s%n",
        runTime.toSeconds(),
        backlog,
        END_TO_END_SENDS,
        warmUpPasses,
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        Instant.now());
    KafkaResults kafka = KafkaResults.NOT_RUN;
    KafkaResults tributary = KafkaResults.NOT_RUN;
    if (targets.contains("kafka")) {
      System.out.printf(
          "%s: a fresh single-node KRaft broker from %s, PLAINTEXT on 127.0.0.1:%d, no sign-in%n",
          kafkaName, brokerHome.resolve("lib"), brokerPort);
      try (KafkaBroker broker = KafkaBroker.start(brokerHome, brokerPort, controllerPort)) {
        System.out.printf("  started, pid %d%n", broker.pid());
        kafka =
            measure(
                KafkaTarget.kafka(kafkaName, broker.bootstrap()), runTime, backlog, warmUpPasses);
      }
      System.out.println("  stopped");
    }
    if (targets.contains("tributary")) {
      Credentials credentials = Credentials.fromSystemProperties();
      System.out.printf(
          "Tributary: %s, SASL_PLAINTEXT with PLAIN as %s (its listener requires a sign-in)%n",
          tributaryBootstrap, credentials.user());
      tributary =
          measure(
              KafkaTarget.tributary(tributaryBootstrap, new TributaryClient(url), credentials),
              runTime,
              backlog,
              warmUpPasses);
    }
    System.out.printf("Load average %.2f at %s%n%n", loadAverage(), Instant.now());
    print(kafkaName, kafka, tributary, System.out);
  }

  private static KafkaResults measure(
      KafkaTarget target, Duration runTime, long backlog, int warmUpPasses) {
    PrintStream discarded = new PrintStream(OutputStream.nullOutputStream());
    for (int pass = 1; pass <= warmUpPasses; pass++) {
      long start = System.nanoTime();
      new KafkaCases(target, WARM_UP_RUN, WARM_UP_BACKLOG, WARM_UP_END_TO_END_SENDS, discarded)
          .run();
      System.out.printf(
          "  warm-up pass %d of %d (not measured): %.0f s%n",
          pass, warmUpPasses, (System.nanoTime() - start) / 1e9);
    }
    return new KafkaCases(target, runTime, backlog, END_TO_END_SENDS, System.out).run();
  }

  static void print(String kafkaName, KafkaResults kafka, KafkaResults tributary, PrintStream out) {
    out.printf(
        "%-40s %-10s %14s %14s %10s  %s%n",
        "case", "", kafkaName, "Tributary", "T / K", "target (issue 17)");
    for (KafkaFigure figure : KafkaFigure.values()) {
      OptionalDouble k = kafka.get(figure);
      OptionalDouble t = tributary.get(figure);
      String ratio =
          k.isPresent() && t.isPresent() && k.getAsDouble() > 0
              ? String.format("%.2f", t.getAsDouble() / k.getAsDouble())
              : "-";
      out.printf(
          "%-40s %-10s %14s %14s %10s  %s%n",
          figure.measure,
          figure.unit,
          format(kafka, k),
          format(tributary, t),
          ratio,
          target(figure, k, t));
    }
    failures("Kafka", kafka.failures(), out);
    failures("Tributary", tributary.failures(), out);
  }

  /** The targets at 100 bytes: produce and consume at least half, p50 at most double. */
  private static String target(KafkaFigure figure, OptionalDouble kafka, OptionalDouble tributary) {
    double bound =
        switch (figure) {
          case PRODUCE_100_RECORDS, CONSUME_RECORDS -> 0.5;
          case SEND_GET_P50 -> 2.0;
          default -> Double.NaN;
        };
    if (Double.isNaN(bound)) {
      return "";
    }
    String wanted = (figure.higherIsBetter ? ">= " : "<= ") + bound + " x";
    if (kafka.isEmpty() || tributary.isEmpty()) {
      return wanted + ": not measured";
    }
    double ratio = tributary.getAsDouble() / kafka.getAsDouble();
    boolean met = figure.higherIsBetter ? ratio >= bound : ratio <= bound;
    return wanted + (met ? ": met" : ": MISSED");
  }

  private static void failures(String target, Map<String, String> failures, PrintStream out) {
    failures.forEach((name, reason) -> out.printf("%s %s FAILED: %s%n", target, name, reason));
  }

  private static String format(KafkaResults results, OptionalDouble value) {
    if (value.isEmpty()) {
      return results == KafkaResults.NOT_RUN ? "not run" : "failed";
    }
    double v = value.getAsDouble();
    return v >= 1000 ? String.format("%,.0f", v) : String.format("%.2f", v);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String arg(String[] args, int index, String otherwise) {
    return args.length > index ? args[index] : otherwise;
  }
}
