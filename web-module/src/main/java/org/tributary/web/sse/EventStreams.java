package org.tributary.web.sse;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.security.UserView;
import org.tributary.security.Users;

/**
 * The open Server-Sent-Events streams of this server: bounded per user and in total ({@link
 * StreamLimits}), and looked after by one sweeper thread, every second: heartbeats, the end of idle
 * and stalled streams ({@link StreamTimeouts}), and every few seconds the end of the streams of a
 * user who was deleted or whose password or roles changed (HTTP Basic has no logout).
 *
 * <p>The streams' producers (their fetch loops, which read the log and the database) run on this
 * bean's own bounded pool, {@code tributary.http.sse.threads}: not on the completion executor,
 * whose threads acknowledge produces and which runs a task on its submitter when full (that could
 * be the container's I/O thread); not on Payara's default managed executor, shared with the whole
 * server (produce uses it). Past its queue the pool refuses, and the stream that asked ends ({@code
 * overloaded}) rather than borrowing its caller's thread.
 *
 * <p>Concurrency: the set of streams is a concurrent set; each stream guards itself.
 */
@ApplicationScoped
public class EventStreams {

  private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());
  private static final long USER_CHECK_SECONDS = 5;

  /** Each stream has at most one task per partition pending: far more than streams ever need. */
  private static final int READER_QUEUE = 10_000;

  @Inject Users users;
  @Resource ManagedThreadFactory threadFactory;

  @Inject
  @ConfigProperty(name = "tributary.http.sse.max-streams-per-user", defaultValue = "5")
  int maxStreamsPerUser;

  @Inject
  @ConfigProperty(name = "tributary.http.sse.max-streams", defaultValue = "1000")
  int maxStreams;

  @Inject
  @ConfigProperty(name = "tributary.http.sse.heartbeat-ms", defaultValue = "15000")
  long heartbeatMillis;

  @Inject
  @ConfigProperty(name = "tributary.http.sse.idle-timeout-ms", defaultValue = "1800000")
  long idleTimeoutMillis;

  @Inject
  @ConfigProperty(name = "tributary.http.sse.stall-timeout-ms", defaultValue = "10000")
  long stallTimeoutMillis;

  @Inject
  @ConfigProperty(name = "tributary.http.sse.buffer-bytes", defaultValue = "1048576")
  long bufferBytes;

  @Inject
  @ConfigProperty(name = "tributary.http.sse.threads", defaultValue = "4")
  int readerThreads;

  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
  private final Clock clock = Clock.systemUTC();
  private StreamLimits limits;
  private StreamTimeouts timeouts;
  private ScheduledThreadPoolExecutor sweeper;
  private ExecutorService readers;

  @PostConstruct
  void start() {
    limits = new StreamLimits(Math.max(1, maxStreamsPerUser), Math.max(1, maxStreams));
    timeouts = new StreamTimeouts(heartbeatMillis, idleTimeoutMillis, stallTimeoutMillis);
    readers = readers(threadFactory, Math.max(1, readerThreads), READER_QUEUE);
    sweeper = new ScheduledThreadPoolExecutor(1, threadFactory);
    sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    sweeper.scheduleWithFixedDelay(
        this::checkUsers, USER_CHECK_SECONDS, USER_CHECK_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    open.forEach(stream -> stream.close("shutdown", "The server is stopping; reconnect later."));
    sweeper.shutdownNow();
    readers.shutdown();
  }

  /**
   * The streams' own threads: fixed, with a bounded queue; past it a task is refused, never run on
   * its submitter.
   */
  static ExecutorService readers(ThreadFactory threads, int threadCount, int queueCapacity) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        threadCount,
        threadCount,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity),
        task -> {
          Thread thread = threads.newThread(task);
          thread.setName("tributary-sse-" + count.incrementAndGet());
          return thread;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** The longest idle time a client may ask for, in milliseconds. */
  public long maxIdleMillis() {
    return idleTimeoutMillis;
  }

  /**
   * Opens a stream on the suspended request's response for {@code user}, or refuses it when the
   * user or the server holds too many (429, 42903).
   *
   * @param complete ends the response (see {@link EventStream#start})
   * @param idleMillis the client's idle limit, at most {@link #maxIdleMillis}
   */
  public EventStream open(AsyncContext async, Runnable complete, String user, long idleMillis) {
    limits.acquire(user);
    EventStream stream;
    try {
      stream =
          EventStream.start(
              async,
              complete,
              user,
              stamp(users.find(user)),
              bufferBytes,
              timeouts.withIdleMillis(idleMillis),
              clock,
              readers);
    } catch (IOException | RuntimeException e) {
      limits.release(user);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    open.add(stream);
    stream.onClose(
        () -> {
          open.remove(stream);
          limits.release(user);
        });
    return stream;
  }

  /** Streams open now, of every user: for tests and the curious. */
  public int openStreams() {
    return limits.openTotal();
  }

  private void sweep() {
    for (EventStream stream : open) {
      try {
        stream.tick();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "An event stream failed its heartbeat; closing it", e);
        stream.abandon();
      }
    }
  }

  private void checkUsers() {
    try {
      Set<String> names =
          open.stream().map(EventStream::user).collect(Collectors.toCollection(TreeSet::new));
      Map<String, String> stamps =
          names.stream().collect(Collectors.toMap(name -> name, name -> stamp(users.find(name))));
      for (EventStream stream : open) {
        if (!stream.userStamp().equals(stamps.get(stream.user()))) {
          stream.close(
              "user_changed",
              "The user was deleted, or their password or roles changed: sign in again.");
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not check the users of the open event streams", e);
    }
  }

  /** What ends a user's streams when it changes; empty for a deleted user. */
  private static String stamp(Optional<UserView> user) {
    return user.map(
            found ->
                new TreeSet<>(found.roles()) + "|" + found.passwordChangedAt() + found.createdAt())
        .orElse("");
  }
}
