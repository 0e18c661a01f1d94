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
import java.util.concurrent.RejectedExecutionException;
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
 * it is held briefly. Completing the response and resuming producers happen after it is released (a
 * drain hands them back), since either may run on the caller: the container's I/O thread or the
 * sweeper. The stream's work (its producers' reads) runs on {@link #execute}, never on them.
 */
public final class EventStream {

  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
  private static final Runnable NOTHING = () -> {};

  private final String user;
  private final String userStamp;
  private final Runnable complete;
  private final ServletOutputStream out;
  private final EventBuffer buffer;
  private final StreamTimeouts timeouts;
  private final Clock clock;
  private final Executor work;
  private final List<Runnable> waitingForRoom = new ArrayList<>();
  private final List<Runnable> onClose = new ArrayList<>();
  private long lastRecordMillis;
  private long lastOutputMillis;
  private boolean flushPending;
  private boolean closed;

  EventStream(
      String user,
      String userStamp,
      Runnable complete,
      ServletOutputStream out,
      EventBuffer buffer,
      StreamTimeouts timeouts,
      Clock clock,
      Executor work) {
    this.user = user;
    this.userStamp = userStamp;
    this.complete = complete;
    this.out = out;
    this.buffer = buffer;
    this.timeouts = timeouts;
    this.clock = clock;
    this.work = work;
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
   * @param work where the stream's producers run and resume: a bounded pool that refuses work when
   *     full, never one that runs it on its caller (the container's I/O thread)
   */
  static EventStream start(
      AsyncContext async,
      Runnable complete,
      String user,
      String userStamp,
      long bufferBytes,
      StreamTimeouts timeouts,
      Clock clock,
      Executor work)
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
            work);
    async.addListener(stream.new Ended());
    stream.begin();
    return stream;
  }

  /** Listens for the connection's readiness and sends the first comment, with the headers. */
  void begin() {
    out.setWriteListener(new Writable());
    add("retry: 5000\n: open\n\n".getBytes(StandardCharsets.UTF_8), false);
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
   * Runs a producer's work on the stream's executor; if that refuses it (too many streams read at
   * once), the stream ends ({@code overloaded}) and the client reconnects with its last event id.
   * Never call it holding this stream's monitor.
   */
  public void execute(Runnable task) {
    try {
      work.execute(task);
    } catch (RejectedExecutionException refused) {
      LOG.log(Level.WARNING, "Ending an event stream of " + user + ": no thread to read for it");
      close(
          "overloaded",
          "The server is reading for too many streams at once; reconnect with Last-Event-ID"
              + " later.");
    }
  }

  /**
   * Whether a producer must wait before adding more: if so, {@code resume} runs (on {@link
   * #execute}) once the buffer has room again, unless the stream closes first.
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
    Runnable after;
    synchronized (this) {
      if (closed) {
        return;
      }
      Runnable drained = NOTHING;
      if (buffer.isEmpty()) {
        buffer.add(last);
        drained = drain();
      }
      if (closed) {
        after = drained; // the last write failed, which ended the stream
      } else {
        List<Runnable> actions = markClosed();
        after = () -> finish(actions, true);
      }
    }
    after.run();
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
    Runnable after;
    boolean open;
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
      after = drain();
      open = !closed;
    }
    after.run();
    return open;
  }

  /**
   * Under the monitor: writes what the connection takes without blocking. Answers what is left to
   * do once the monitor is released: resuming the producers that waited for room, or, if writing
   * failed, ending the stream.
   */
  private Runnable drain() {
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
        List<Runnable> resumed = List.copyOf(waitingForRoom);
        waitingForRoom.clear();
        return () -> resumed.forEach(this::execute);
      }
      return NOTHING;
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "An event stream's client went away", e);
      List<Runnable> actions = markClosed();
      return () -> finish(actions, true);
    }
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
      Runnable after;
      synchronized (EventStream.this) {
        after = drain();
      }
      after.run();
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
