package org.tributary.web.sse;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open Server-Sent-Events response, written with the servlet's non-blocking output: an event
 * goes to the connection only while {@link ServletOutputStream#isReady} says it takes bytes without
 * blocking, the rest waits in a bounded {@link EventBuffer}, and the container calls back when the
 * connection drains. So no thread ever waits for a client that does not read; such a client's
 * events stall, and the stream ends after {@link StreamTimeouts#stallMillis}.
 *
 * <p>Jersey's {@code SseEventSink.send} is not used: it writes on the caller's thread and tells
 * nothing of a client that does not read. On Payara Micro 6.2025.10, 1000 sends of 100 KB to a
 * socket that was never read all returned at once, and about 97 MB waited on the heap in Grizzly's
 * write queue; where Grizzly writes in blocking mode, the sending thread parks instead until the
 * connection's write timeout. Neither is safe for a stream that may stall.
 *
 * <p>Concurrency: this object's monitor guards the buffer and every write; writes never block, so
 * it is held briefly. Completing the response and resuming producers happen outside it.
 */
public final class EventStream {

  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

  private final String user;
  private final String userStamp;
  private final Runnable complete;
  private final ServletOutputStream out;
  private final EventBuffer buffer;
  private final StreamTimeouts timeouts;
  private final Clock clock;
  private final Executor resumes;
  private final List<Runnable> waitingForRoom = new ArrayList<>();
  private final List<Runnable> onClose = new ArrayList<>();
  private long lastRecordMillis;
  private long lastOutputMillis;
  private boolean flushPending;
  private boolean closed;

  private EventStream(
      String user,
      String userStamp,
      Runnable complete,
      ServletOutputStream out,
      EventBuffer buffer,
      StreamTimeouts timeouts,
      Clock clock,
      Executor resumes) {
    this.user = user;
    this.userStamp = userStamp;
    this.complete = complete;
    this.out = out;
    this.buffer = buffer;
    this.timeouts = timeouts;
    this.clock = clock;
    this.resumes = resumes;
    this.lastRecordMillis = clock.millis();
    this.lastOutputMillis = lastRecordMillis;
  }

  /**
   * Takes over the response of a request whose asynchronous processing has started (JAX-RS
   * suspended it): status 200, {@code text/event-stream}, and a first comment that sends the
   * headers.
   *
   * @param complete ends the response the way its owner started it: through JAX-RS, whose own
   *     listener would otherwise complete the servlet's asynchronous context a second time
   * @param resumes where producers waiting for room resume (never the container's I/O thread)
   */
  static EventStream start(
      AsyncContext async,
      Runnable complete,
      String user,
      String userStamp,
      long bufferBytes,
      StreamTimeouts timeouts,
      Clock clock,
      Executor resumes)
      throws IOException {
    HttpServletResponse response = (HttpServletResponse) async.getResponse();
    response.setStatus(200);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    EventStream stream =
        new EventStream(
            user,
            userStamp,
            complete,
            response.getOutputStream(),
            new EventBuffer(bufferBytes, clock),
            timeouts,
            clock,
            resumes);
    async.addListener(stream.new Ended());
    stream.out.setWriteListener(stream.new Writable());
    stream.add("retry: 5000\n: open\n\n".getBytes(StandardCharsets.UTF_8), false);
    return stream;
  }

  String user() {
    return user;
  }

  /** Who the user was when the stream opened (roles, password change): a change ends it. */
  String userStamp() {
    return userStamp;
  }

  /** Queues an event; false once the stream is closed. */
  public boolean send(byte[] event) {
    return add(event, true);
  }

  /**
   * Whether a producer must wait before adding more: if so, {@code resume} runs (on the resume
   * executor) once the buffer has room again, unless the stream closes first.
   */
  public synchronized boolean mustWaitForRoom(Runnable resume) {
    if (closed) {
      return true;
    }
    if (buffer.hasRoom()) {
      return false;
    }
    waitingForRoom.add(resume);
    return true;
  }

  public synchronized boolean isOpen() {
    return !closed;
  }

  /** Runs once when the stream ends, however it ends; at once if it has ended. */
  void onClose(Runnable action) {
    synchronized (this) {
      if (!closed) {
        onClose.add(action);
        return;
      }
    }
    action.run();
  }

  /**
   * Ends the stream, with a last event ({@code event: close}) if the connection takes it now, and
   * completes the response.
   */
  public void close(String reason, String message) {
    byte[] last =
        ("event: close\ndata: "
                + jakarta.json.Json.createObjectBuilder()
                    .add("reason", reason)
                    .add("message", message)
                    .build()
                + "\n\n")
            .getBytes(StandardCharsets.UTF_8);
    List<Runnable> actions;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (buffer.isEmpty()) {
        buffer.add(last);
        drain();
      }
      actions = markClosed();
    }
    finish(actions, true);
  }

  /** The sweeper's look at this stream: a heartbeat, or the end when idle or stalled. */
  void tick() {
    StreamTimeouts.Due due;
    synchronized (this) {
      if (closed) {
        return;
      }
      long now = clock.millis();
      due = timeouts.due(now - lastRecordMillis, now - lastOutputMillis, buffer.stalledForMillis());
    }
    switch (due) {
      case HEARTBEAT -> add(HEARTBEAT, false);
      case IDLE ->
          close(
              "idle",
              "No record for "
                  + timeouts.idleMillis()
                  + " ms (idle_timeout, tributary.http.sse.idle-timeout-ms); reconnect to go on.");
      case STALLED -> abandon();
      case NOTHING -> {}
    }
  }

  /** Ends a stream whose client stopped reading: its pending events are dropped. */
  void abandon() {
    List<Runnable> actions;
    synchronized (this) {
      if (closed) {
        return;
      }
      LOG.fine(() -> "Closing an event stream of " + user + ": its client stopped reading");
      buffer.clear();
      actions = markClosed();
    }
    finish(actions, true);
  }

  private boolean add(byte[] event, boolean record) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      buffer.add(event);
      long now = clock.millis();
      lastOutputMillis = now;
      if (record) {
        lastRecordMillis = now;
      }
      return drain();
    }
  }

  /** Writes what the connection takes without blocking; false if writing failed (it closed). */
  private boolean drain() {
    List<Runnable> resumed = List.of();
    try {
      while (!closed && out.isReady()) {
        byte[] next = buffer.take();
        if (next != null) {
          out.write(next);
          flushPending = true;
        } else if (flushPending) {
          flushPending = false;
          out.flush();
        } else {
          break;
        }
      }
      if (buffer.hasRoom() && !waitingForRoom.isEmpty()) {
        resumed = List.copyOf(waitingForRoom);
        waitingForRoom.clear();
      }
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "An event stream's client went away", e);
      List<Runnable> actions = markClosed();
      resumes.execute(() -> finish(actions, true));
      return false;
    }
    resumed.forEach(resumes::execute);
    return true;
  }

  /** Under the monitor: closed, nothing waits for room any more; the close actions to run. */
  private List<Runnable> markClosed() {
    closed = true;
    waitingForRoom.clear();
    List<Runnable> actions = List.copyOf(onClose);
    onClose.clear();
    return actions;
  }

  private void finish(List<Runnable> actions, boolean completeResponse) {
    if (completeResponse) {
      try {
        complete.run();
      } catch (RuntimeException alreadyDone) {
        LOG.log(Level.FINE, "An event stream's response had ended already", alreadyDone);
      }
    }
    actions.forEach(Runnable::run);
  }

  /** The container's calls when the connection takes bytes again, or failed. */
  private final class Writable implements WriteListener {
    @Override
    public void onWritePossible() {
      synchronized (EventStream.this) {
        drain();
      }
    }

    @Override
    public void onError(Throwable failure) {
      LOG.log(Level.FINE, "An event stream's connection failed", failure);
      List<Runnable> actions;
      synchronized (EventStream.this) {
        if (closed) {
          return;
        }
        actions = markClosed();
      }
      finish(actions, true);
    }
  }

  /** The response ended on the container's side: the client went away, or it completed. */
  private final class Ended implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      ended();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      ended();
    }

    @Override
    public void onError(AsyncEvent event) {
      ended();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void ended() {
      List<Runnable> actions;
      synchronized (EventStream.this) {
        if (closed) {
          return;
        }
        actions = markClosed();
      }
      finish(actions, false);
    }
  }
}
