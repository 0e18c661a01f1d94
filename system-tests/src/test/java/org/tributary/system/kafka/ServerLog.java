package org.tributary.system.kafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log of the server under test ({@code kafka.server.log}): what it wrote since a mark. Absent
 * when the property is not set, so that a run against an unknown server still tests the protocol.
 */
final class ServerLog {

  private final Path file;
  private long mark;

  private ServerLog(Path file) {
    this.file = file;
  }

  static ServerLog of() {
    String path = System.getProperty("kafka.server.log", "");
    return path.isBlank() ? null : new ServerLog(Path.of(path));
  }

  /** From now on. */
  void mark() throws IOException {
    mark = Files.size(file);
  }

  String sinceMark() throws IOException {
    try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
      long length = log.length();
      byte[] bytes = new byte[(int) Math.max(0, length - mark)];
      log.seek(Math.min(mark, length));
      log.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** How often {@code text} occurs since the mark. */
  int count(String text) throws IOException {
    Matcher matches = Pattern.compile(Pattern.quote(text)).matcher(sinceMark());
    int count = 0;
    while (matches.find()) {
      count++;
    }
    return count;
  }
}
