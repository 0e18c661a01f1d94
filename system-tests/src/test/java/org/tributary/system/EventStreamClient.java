package org.tributary.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent-Events client on a plain socket, so that a test controls exactly when it reads (or
 * that it never does): HTTP/1.1, chunked responses, events parsed into {@link Event}s by a reader
 * thread once {@link #startReading} is called.
 */
public final class EventStreamClient implements AutoCloseable {

  /** One event: its fields; comments are kept as {@code :} entries. */
  public record Event(String id, String event, String data) {}

  private final Socket socket;
  private final InputStream in;
  private final int status;
  private final String head;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private volatile boolean ended;
  private volatile long bytesRead;

  private EventStreamClient(Socket socket, InputStream in, int status, String head) {
    this.socket = socket;
    this.in = in;
    this.status = status;
    this.head = head;
  }

  /**
   * Opens {@code path} (with its query) on the test server as this user. {@code receiveBuffer}, if
   * positive, shrinks the socket's receive buffer, as a client that reads slowly would have.
   */
  public static EventStreamClient open(
      TributaryHttp http, String path, Map<String, String> headers, int receiveBuffer)
      throws IOException {
    URI base = URI.create(http.baseUrl());
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    socket.setSoTimeout(30_000);
    StringBuilder request =
        new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n");
    request.append("Accept: text/event-stream\r\n");
    if (http.authorization() != null) {
      request.append("Authorization: ").append(http.authorization()).append("\r\n");
    }
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("\r\n");
    socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
    InputStream in = socket.getInputStream();
    String head = readHead(in);
    int status = Integer.parseInt(head.split(" ", 3)[1]);
    return new EventStreamClient(socket, in, status, head);
  }

  public static EventStreamClient open(TributaryHttp http, String path) throws IOException {
    return open(http, path, Map.of(), 0);
  }

  public int status() {
    return status;
  }

  /** The body of a refusal (not a stream): read whole. */
  public String refusalBody() throws IOException {
    String length = header("content-length").orElse(null);
    if (length != null) {
      return new String(in.readNBytes(Integer.parseInt(length.trim())), StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    readChunks(body::write);
    return body.toString(StandardCharsets.UTF_8);
  }

  public Optional<String> header(String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return Optional.of(line.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** Starts the reader thread, which parses events until the response or the connection ends. */
  public EventStreamClient startReading() {
    Thread reader =
        new Thread(
            () -> {
              EventParser parser = new EventParser(events);
              try {
                readChunks(parser::accept);
              } catch (IOException e) {
                // the connection ended
              } finally {
                ended = true;
              }
            },
            "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
    return this;
  }

  /** The next event (comments skipped), or empty after {@code limit}. */
  public Optional<Event> next(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null || !event.event().equals(":")) {
        return Optional.ofNullable(event);
      }
    }
  }

  /** Whether the server ended the response (or the connection), waiting up to {@code limit}. */
  public boolean awaitEnd(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!ended && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return ended;
  }

  /** All events received so far, comments included. */
  public List<Event> drained() {
    List<Event> all = new ArrayList<>();
    events.drainTo(all);
    return all;
  }

  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private interface Sink {
    void write(byte[] bytes, int offset, int length) throws IOException;
  }

  private void readChunks(Sink sink) throws IOException {
    byte[] buffer = new byte[65_536];
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        return;
      }
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        readLine(in);
        return;
      }
      int left = size;
      while (left > 0) {
        int read;
        try {
          read = in.read(buffer, 0, Math.min(buffer.length, left));
        } catch (SocketTimeoutException quiet) {
          continue;
        }
        if (read < 0) {
          return;
        }
        bytesRead += read;
        sink.write(buffer, 0, read);
        left -= read;
      }
      readLine(in);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      head.append(line).append("\r\n");
    }
    return head.toString();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException quiet) {
        continue;
      }
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  /** Splits the decoded body into events at blank lines. */
  private static final class EventParser {
    private final BlockingQueue<Event> events;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, String> fields = new LinkedHashMap<>();

    EventParser(BlockingQueue<Event> events) {
      this.events = events;
    }

    void accept(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          endLine(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else {
          line.write(bytes[i]);
        }
      }
    }

    private void endLine(String text) {
      if (text.isEmpty()) {
        if (!fields.isEmpty()) {
          events.add(
              new Event(
                  fields.get("id"),
                  fields.getOrDefault("event", fields.containsKey(":") ? ":" : "message"),
                  fields.get("data")));
          fields.clear();
        }
        return;
      }
      int colon = text.indexOf(':');
      String name = colon < 0 ? text : text.substring(0, colon);
      String value = colon < 0 ? "" : text.substring(colon + 1).stripLeading();
      fields.merge(name.isEmpty() ? ":" : name, value, (a, b) -> a + "\n" + b);
    }
  }
}
