package org.tributary.web.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class EventStreamTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T06:00:00Z"), ZoneOffset.UTC);
  private final Connection connection = new Connection();
  private final List<Boolean> monitorHeld = new ArrayList<>();

  /** A connection that takes bytes only when the test says so, or fails every write. */
  private static final class Connection extends ServletOutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    boolean ready;
    boolean failing;
    WriteListener listener;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      this.listener = listener;
    }

    @Override
    public void write(int b) throws IOException {
      if (failing) {
        throw new IOException("connection reset");
      }
      written.write(b);
    }

    String text() {
      return written.toString(StandardCharsets.UTF_8);
    }
  }

  /** A stream whose buffer is full after its first comment, running its work on {@code work}. */
  private EventStream stream(Runnable complete, Executor work) {
    return new EventStream(
        "alice",
        "stamp",
        complete,
        connection,
        new EventBuffer(10, clock),
        new StreamTimeouts(15_000, 60_000, 10_000),
        clock,
        work);
  }

  @Test
  void producersWaitingForRoomResumeOutsideTheStreamsMonitor() throws IOException {
    // Runs on the caller, as an executor that is full or shut down may: the I/O thread here.
    EventStream[] holder = new EventStream[1];
    EventStream stream = stream(() -> {}, task -> task.run());
    holder[0] = stream;
    stream.begin();
    assertTrue(stream.mustWaitForRoom(() -> monitorHeld.add(Thread.holdsLock(holder[0]))));

    connection.ready = true;
    connection.listener.onWritePossible();

    assertEquals(List.of(false), monitorHeld, "resumed once, without the stream's monitor");
    assertTrue(connection.text().contains(": open"));
  }

  @Test
  void aFailedWriteEndsTheStreamOutsideItsMonitor() {
    EventStream[] holder = new EventStream[1];
    EventStream stream =
        stream(() -> monitorHeld.add(Thread.holdsLock(holder[0])), task -> task.run());
    holder[0] = stream;
    connection.ready = true;
    connection.failing = true;

    stream.begin();

    assertFalse(stream.isOpen());
    assertEquals(List.of(false), monitorHeld, "completed once, without the stream's monitor");
  }

  @Test
  void aStreamWhoseWorkIsRefusedEndsAsOverloaded() {
    List<String> completed = new ArrayList<>();
    EventStream stream =
        stream(
            () -> completed.add("done"),
            task -> {
              throw new RejectedExecutionException("full");
            });
    connection.ready = true;
    stream.begin();
    List<Runnable> ran = new ArrayList<>();

    stream.execute(() -> ran.add(() -> {}));

    assertTrue(ran.isEmpty(), "never run on the caller");
    assertFalse(stream.isOpen());
    assertEquals(List.of("done"), completed);
    assertTrue(
        connection.text().contains("event: close\ndata: {\"reason\":\"overloaded\""),
        connection.text());
  }
}
