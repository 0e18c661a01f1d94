package org.tributary.system.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Tributary on Payara Micro that one test starts, stops and starts again itself (through
 * micro-server.sh, on loopback), with a work directory of its own: its data and server.log.
 */
public final class OwnServer {

  private final Path work;
  private final int port;
  private final String microTarget;

  public OwnServer(Path work, int port) {
    this(work, port, System.getProperty("micro.target"));
  }

  /** A server of another build of the WAR: {@code microTarget} holds it as micro/target does. */
  public OwnServer(Path work, int port, String microTarget) {
    this.work = work;
    this.port = port;
    this.microTarget = microTarget;
  }

  public Path work() {
    return work;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Removes what an earlier run left in the work directory. */
  public OwnServer fresh() throws IOException {
    if (Files.exists(work)) {
      try (var files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    return this;
  }

  /** Starts it as the other test servers are started. */
  public void start() throws IOException, InterruptedException {
    start(System.getProperty("test.server.options", ""), Map.of());
  }

  /**
   * Starts it with these JVM options and environment variables; an empty value removes the
   * variable.
   */
  public void start(String javaOptions, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder start =
        new ProcessBuilder(
            script(), "start", microTarget, String.valueOf(port), work.toString(), javaOptions);
    environment.forEach(
        (name, value) -> {
          if (value.isEmpty()) {
            start.environment().remove(name);
          } else {
            start.environment().put(name, value);
          }
        });
    run(start);
  }

  /** The server's process id (micro-server.sh's {@code server.pid}). */
  long pid() throws IOException {
    return Long.parseLong(Files.readString(work.resolve("server.pid")).trim());
  }

  /** Kills it (SIGKILL), as a crash or an operator's {@code kill -9} would, and waits for it. */
  public void kill() throws IOException {
    ProcessHandle.of(pid())
        .ifPresent(
            process -> {
              process.destroyForcibly();
              process.onExit().join();
            });
  }

  /** Pauses it (SIGSTOP): a server that is alive but does nothing, as in a long stall. */
  public void pause() throws IOException, InterruptedException {
    run(new ProcessBuilder("kill", "-STOP", String.valueOf(pid())));
  }

  /** Lets a paused server go on (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    run(new ProcessBuilder("kill", "-CONT", String.valueOf(pid())));
  }

  public void stop() throws IOException, InterruptedException {
    run(new ProcessBuilder(script(), "stop", work.toString()));
  }

  private static String script() {
    return System.getProperty("scripts") + "/micro-server.sh";
  }

  /** Runs a command to its end, which must be a success. */
  static void run(ProcessBuilder command) throws IOException, InterruptedException {
    Process process = command.inheritIO().start();
    List<String> what = command.command();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), what + " finished in time");
    assertEquals(0, process.exitValue(), what + " succeeded");
  }
}
