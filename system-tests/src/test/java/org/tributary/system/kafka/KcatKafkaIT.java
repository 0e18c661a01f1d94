package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;

/**
 * A client that is not Java: Debian's {@code kcat} (librdkafka) produces and consumes with
 * SASL/PLAIN. Skipped only where kcat is not installed and {@code CI} is not set; in CI ({@code
 * .ci/run} installs it) it must run.
 */
class KcatKafkaIT {

  private static final long TIMEOUT_SECONDS = 60;

  private static Path kcat;
  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @BeforeAll
  static void findKcat() {
    kcat =
        Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
            .map(directory -> Path.of(directory, "kcat"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    if (kcat == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but kcat is not installed (.ci/run installs Debian's kcat)");
      }
      assumeTrue(false, "kcat is not installed: apt-get install kcat");
    }
  }

  @Test
  void kcatProducesWithSaslPlain() throws Exception {
    // librdkafka writes RecordBatch v2 only to a broker that serves Produce v3+ AND Fetch v4+;
    // otherwise it sends magic 0 message sets, which Tributary refuses (INVALID_RECORD).
    String topic = KafkaClients.uniqueTopic("kcat-produce");
    Fixtures.createTopic(http, topic, 3);
    Run produced = kcat("k1:one\nk2:two\n", "-P", "-t", topic, "-p", "1", "-K", ":");
    assertEquals(0, produced.exit(), produced::toString);

    JsonObject page =
        Fixtures.await(
            "kcat's records",
            () ->
                Optional.of(
                        http.get(
                                Fixtures.v3(
                                    http,
                                    "/topics/" + topic + "/partitions/1/records?format=string"))
                            .object())
                    .filter(read -> read.getJsonArray("data").size() == 2));
    List<String> records = new ArrayList<>();
    for (JsonObject record : page.getJsonArray("data").getValuesAs(JsonObject.class)) {
      records.add(
          record.getJsonObject("key").getString("data")
              + ":"
              + record.getJsonObject("value").getString("data"));
    }
    assertEquals(List.of("k1:one", "k2:two"), records);
  }

  @Test
  void kcatConsumesFromTheBeginningWithSaslPlain() throws Exception {
    String topic = KafkaClients.uniqueTopic("kcat-consume");
    Fixtures.createTopic(http, topic, 3);
    Fixtures.produce(http, topic, 2, "alpha", "beta", "gamma");
    Run consumed =
        kcat("", "-C", "-t", topic, "-p", "2", "-o", "beginning", "-e", "-f", "%o=%s\\n");
    assertEquals(0, consumed.exit(), consumed::toString);
    assertEquals("0=alpha\n1=beta\n2=gamma\n", consumed.out(), consumed::toString);
  }

  /** Runs kcat signed in as admin over SASL/PLAIN, with {@code input} on its stdin. */
  private static Run kcat(String input, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(kcat.toString());
    command.addAll(
        List.of(
            "-b",
            KafkaClients.bootstrap(),
            "-X",
            "security.protocol=SASL_PLAINTEXT",
            "-X",
            "sasl.mechanisms=PLAIN",
            "-X",
            "sasl.username=" + KafkaClients.ADMIN,
            "-X",
            "sasl.password=" + KafkaClients.password(KafkaClients.ADMIN)));
    command.addAll(Arrays.asList(arguments));
    Path out = Files.createTempFile("kcat", ".out");
    Path err = Files.createTempFile("kcat", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("kcat did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
      }
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + ", out: " + out + ", err: " + err;
    }
  }
}
