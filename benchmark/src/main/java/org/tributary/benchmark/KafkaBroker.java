package org.tributary.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker for the comparison: a single KRaft node (broker and controller in one
 * process) on loopback with a PLAINTEXT listener, run as a child JVM from the jars Maven copied to
 * {@code <home>/lib}, its storage formatted afresh under {@code <home>/run} with a random cluster
 * id. {@link #close()} stops it (SIGTERM, then kill); a shutdown hook does the same if the
 * benchmark's JVM ends first, so no broker outlives the run.
 */
final class KafkaBroker implements AutoCloseable {

  // kafka-server-start.sh's defaults: the broker as Kafka ships it.
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx1G",
          "-Xms1G",
          "-server",
          "-XX:+UseG1GC",
          "-XX:MaxGCPauseMillis=20",
          "-XX:InitiatingHeapOccupancyPercent=35",
          "-XX:+ExplicitGCInvokesConcurrent",
          "-Djava.awt.headless=true");
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Thread killOnExit;
  private final String bootstrap;
  private final Path log;

  private KafkaBroker(Process process, String bootstrap, Path log) {
    this.process = process;
    this.bootstrap = bootstrap;
    this.log = log;
    this.killOnExit = new Thread(process::destroyForcibly, "kill-kafka-broker");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Formats a fresh log directory, starts the broker and waits until it answers a client. */
  static KafkaBroker start(Path home, int clientPort, int controllerPort) throws Exception {
    Path lib = home.resolve("lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          lib + " is missing: run the package phase first (mvn -f benchmark/pom.xml package)");
    }
    for (int port : new int[] {clientPort, controllerPort}) {
      if (listening(port)) {
        throw new IllegalStateException(
            "127.0.0.1:" + port + " is already taken (a broker left from an earlier run?)");
      }
    }
    Path run = home.resolve("run");
    deleteRecursively(run);
    Files.createDirectories(run);
    Path config = run.resolve("server.properties");
    writeConfig(config, run.resolve("data"), clientPort, controllerPort);
    Path log = run.resolve("broker.log");

    runToEnd(
        command(
            lib,
            List.of(),
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString()),
        run.resolve("format.log"));

    Process process =
        new ProcessBuilder(command(lib, JVM_OPTIONS, "kafka.Kafka", config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + clientPort, log);
    try {
      broker.awaitReady();
      return broker;
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  /** The broker's version, from the name of its kafka_2.13 jar. */
  static String version(Path home) throws IOException {
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      return jars.map(jar -> jar.getFileName().toString())
          .filter(name -> name.startsWith("kafka_2.13-") && name.endsWith(".jar"))
          .map(name -> name.substring("kafka_2.13-".length(), name.length() - ".jar".length()))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no kafka_2.13 jar in "
                          + home.resolve("lib")
                          + ": run the package phase first (mvn -f benchmark/pom.xml package)"));
    }
  }

  String bootstrap() {
    return bootstrap;
  }

  long pid() {
    return process.pid();
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Properties config = new Properties();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The Kafka broker ended with exit code " + process.exitValue() + "; see " + log);
      }
      if (listening(Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)))) {
        try (Admin admin = Admin.create(config)) {
          if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          // Listening but not serving yet: try again until the deadline.
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The Kafka broker did not answer within "
                + START_TIMEOUT.toSeconds()
                + " s; see "
                + log);
      }
      Thread.sleep(500);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: nothing left to undo.
    }
  }

  private static void writeConfig(Path file, Path data, int clientPort, int controllerPort)
      throws IOException {
    String text =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:"
                + clientPort
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + data,
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "");
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static List<String> command(
      Path lib, List<String> jvmOptions, String mainClass, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(lib.toAbsolutePath() + "/*");
    command.add(mainClass);
    command.addAll(List.of(arguments));
    return command;
  }

  private static void runToEnd(List<String> command, Path log) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "Formatting Kafka's storage took over "
                + FORMAT_TIMEOUT.toSeconds()
                + " s; see "
                + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Formatting Kafka's storage failed ("
                + process.exitValue()
                + "): "
                + Files.readString(log).strip());
      }
    } finally {
      process.destroyForcibly();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
