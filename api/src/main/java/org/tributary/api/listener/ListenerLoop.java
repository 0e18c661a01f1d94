package org.tributary.api.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.Header;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.TopicPartition;
import org.tributary.api.TributaryClientException;
import org.tributary.api.TributaryConsumer;
import org.tributary.api.TributaryContext;
import org.tributary.api.TributaryProducer;

/**
 * One consumer of a listener's group on a thread of its own: polls, calls the method for each
 * record in order, commits the offsets after the methods returned (after each poll's records, or
 * with each record in a transaction), retries a failing call with backoff, and after the last
 * attempt sends the record to the dead-letter topic and goes on.
 *
 * <p>A long batch heartbeats between records, after committing what it has handled; the group may
 * then take partitions away (their new owner starts from that commit), so the rest of the batch
 * skips the records of partitions this consumer no longer owns.
 *
 * <p>While Tributary cannot be had it waits for it; when Tributary refuses the listener's group or
 * topics (an invalid group id) it says so in the log and stops.
 *
 * <p>The {@code @OnRecord} runtime runs it on a thread of its own, the resource adapter as work of
 * its {@code WorkManager}; both hand records over through a {@link Delivery}.
 */
public final class ListenerLoop implements Runnable {

  private static final Logger LOG = Logger.getLogger(ListenerLoop.class.getName());
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration UNAVAILABLE_PAUSE = Duration.ofSeconds(1);
  private static final Duration HEARTBEAT = Duration.ofSeconds(3);

  /** Refusals of a consumer's group or topics: no retry can change them, only new settings. */
  private static final Set<String> SETTINGS_REFUSALS =
      Set.of("INVALID_GROUP_ID", "INVALID_TOPIC_EXCEPTION");

  private final Delivery listener;
  private final ListenerSettings settings;
  private final Supplier<TributaryContext> tributaries;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile Thread thread;
  private int unavailableCount;

  /** A loop of the server's Tributary, looked up at {@link TributaryContext#JNDI_NAME}. */
  public ListenerLoop(Delivery listener, ListenerSettings settings) {
    this(listener, settings, () -> lookup(TributaryContext.JNDI_NAME, TributaryContext.class));
  }

  /**
   * A loop of the Tributary {@code tributaries} answers; it throws {@link IllegalStateException}
   * while there is none yet.
   */
  public ListenerLoop(
      Delivery listener, ListenerSettings settings, Supplier<TributaryContext> tributaries) {
    this.listener = listener;
    this.settings = settings;
    this.tributaries = tributaries;
  }

  /** Runs the loop on a new thread of the server's default managed thread factory. */
  void start(String name) {
    Thread loop = threads().newThread(this);
    loop.setName("tributary-listener-" + name);
    loop.start();
  }

  /** Asks the loop to stop: it leaves the group after the record it is handling. */
  public void stop() {
    running = false;
    Thread current = thread;
    if (current != null) {
      current.interrupt();
    }
  }

  /** Waits (up to ten polls) for a stopped loop to have left its group; true when it has. */
  public boolean awaitStop() {
    if (!started) {
      return true; // never ran: if it still does, it ends at once
    }
    try {
      return finished.await(POLL.multipliedBy(10).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void run() {
    started = true;
    thread = Thread.currentThread();
    try {
      consumeUntilStopped();
    } finally {
      thread = null;
      Thread.interrupted(); // a pooled thread goes back without the stop's interrupt
      finished.countDown();
    }
  }

  private void consumeUntilStopped() {
    TributaryContext tributary = awaitTributary();
    while (running && tributary != null) {
      try {
        consume(tributary);
      } catch (RuntimeException | Error e) {
        TributaryClientException refused = refusal(e);
        if (refused != null && SETTINGS_REFUSALS.contains(refused.code())) {
          LOG.log(
              Level.SEVERE,
              "Listener "
                  + listener.name()
                  + " stops: Tributary refuses its settings ("
                  + refused.code()
                  + ": "
                  + refused.getMessage()
                  + "). Correct them and redeploy the application.");
          return;
        }
        // Tributary not started yet (the deployment is still initialising), or gone for a while.
        LOG.log(
            stillUnavailable() ? Level.WARNING : Level.FINE,
            "Listener " + listener.name() + " waits for Tributary",
            e);
        pause(UNAVAILABLE_PAUSE);
        // Looked up again: Tributary may have been redeployed under a loop that outlives it.
        tributary = awaitTributary();
      }
    }
  }

  /** The refusal behind a failure (the EJB container may have wrapped it), or null. */
  private static TributaryClientException refusal(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof TributaryClientException refused) {
        return refused;
      }
    }
    return null;
  }

  private void consume(TributaryContext tributary) {
    try (TributaryConsumer consumer =
        tributary.createConsumer(
            ConsumerSettings.group(settings.group()).startingAt(settings.startAt()))) {
      consumer.subscribe(settings.topics());
      TributaryProducer deadLetters = tributary.createProducer();
      while (running) {
        List<ReceivedRecord> records;
        try {
          records = consumer.poll(POLL);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Listener " + listener.name() + " could not poll", e);
          pause(UNAVAILABLE_PAUSE);
          continue;
        }
        Map<TopicPartition, Long> handled = new HashMap<>();
        Set<TopicPartition> owned = null; // as polled, until a heartbeat says otherwise
        long lastHeartbeat = System.nanoTime();
        for (int i = 0; i < records.size() && running; i++) {
          if (System.nanoTime() - lastHeartbeat > HEARTBEAT.toNanos()) {
            // A long batch: commit what is done and tell the group this consumer is alive.
            commit(consumer, handled);
            handled.clear();
            owned = heartbeat(consumer);
            lastHeartbeat = System.nanoTime();
            if (owned == null) {
              rewind(consumer, records.subList(i, records.size()));
              break;
            }
          }
          ReceivedRecord record = records.get(i);
          if (owned != null && !owned.contains(record.topicPartition())) {
            continue; // given away: its new owner reads it from the commit above
          }
          if (!deliver(consumer, deadLetters, record)) {
            commit(consumer, handled);
            rewind(consumer, records.subList(i, records.size()));
            pause(UNAVAILABLE_PAUSE);
            handled.clear();
            break;
          }
          handled.put(record.topicPartition(), record.offset() + 1);
        }
        // At least once: offsets are committed only after their methods returned.
        commit(consumer, handled);
      }
    }
  }

  /**
   * Calls the method until it succeeds or the attempts are used up, then dead-letters the record.
   * Returns false when the record must be delivered again: the bean cannot be had yet, or the
   * listener is stopping. The caller commits the offsets of the handled records after the batch.
   */
  private boolean deliver(
      TributaryConsumer consumer, TributaryProducer deadLetters, ReceivedRecord record) {
    Throwable failure = null;
    for (int attempt = 1; attempt <= settings.maxAttempts() && running; attempt++) {
      if (attempt > 1) {
        pause(settings.backoffBefore(attempt));
      }
      try {
        process(consumer, record);
        return true;
      } catch (Rebalanced e) {
        LOG.log(Level.FINE, "Listener " + listener.name() + " lost " + where(record), e);
        return false;
      } catch (Delivery.Unavailable e) {
        LOG.log(
            stillUnavailable() ? Level.WARNING : Level.FINE,
            "Listener " + listener.name() + " cannot get its bean yet; will retry",
            e);
        return false;
      } catch (VirtualMachineError e) {
        throw e; // not the record's fault: the loop restarts and the record comes again
      } catch (Throwable e) {
        failure = e;
        LOG.log(
            Level.FINE,
            "Listener " + listener.name() + " failed on " + where(record) + ", attempt " + attempt,
            e);
      }
    }
    // Only the dead-letter send is retried from here on: the method has had its attempts.
    while (running) {
      try {
        deadLetters.send(
            settings.deadLetterTopicFor(record.topic()),
            record.key(),
            record.value(),
            why(record, failure));
        LOG.log(
            Level.WARNING,
            "Listener "
                + listener.name()
                + " gave up on "
                + where(record)
                + " after "
                + settings.maxAttempts()
                + " attempts; it is in "
                + settings.deadLetterTopicFor(record.topic()),
            failure);
        return true;
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Could not dead-letter " + where(record) + "; retrying", e);
        pause(UNAVAILABLE_PAUSE);
      }
    }
    return false;
  }

  /** One attempt; a transactional delivery commits the offset inside its transaction. */
  private void process(TributaryConsumer consumer, ReceivedRecord record) throws Throwable {
    listener.deliver(
        record,
        () -> {
          try {
            consumer.commit(Map.of(record.topicPartition(), record.offset() + 1));
          } catch (TributaryClientException refused) {
            // A rebalance took the partition: not the record's fault, and not an attempt.
            throw new Rebalanced(refused);
          }
        });
  }

  /** The offset commit of a transactional call was refused: the group moved the partition. */
  private static final class Rebalanced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rebalanced(Throwable cause) {
      super(cause);
    }
  }

  /** Commits what was handled; a refused commit (a rebalance) means redelivery, not an error. */
  private void commit(TributaryConsumer consumer, Map<TopicPartition, Long> handled) {
    if (handled.isEmpty()) {
      return;
    }
    try {
      consumer.commit(handled);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Commit of " + handled + " refused; those records may come again", e);
    }
  }

  /**
   * Whether waiting has lasted long enough to be worth a warning: the first seconds after
   * deployment are expected (Tributary may still be starting), then once a minute.
   */
  private boolean stillUnavailable() {
    int waited = unavailableCount++;
    return waited >= 10 && waited % 60 == 10;
  }

  /**
   * Tells the group this consumer is alive; answers the partitions it owns now, or null when the
   * group could not be asked (the rest of the batch then comes again from the next poll).
   */
  private static Set<TopicPartition> heartbeat(TributaryConsumer consumer) {
    try {
      return Set.copyOf(consumer.assignment());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Heartbeat refused; the next poll rejoins", e);
      return null;
    }
  }

  /** Sets each partition back to its first record not yet handled. */
  private static void rewind(TributaryConsumer consumer, List<ReceivedRecord> unhandled) {
    Map<TopicPartition, Long> first = new HashMap<>();
    unhandled.forEach(r -> first.merge(r.topicPartition(), r.offset(), Math::min));
    first.forEach(
        (partition, offset) -> {
          try {
            consumer.seek(partition, offset);
          } catch (RuntimeException e) {
            // Given away meanwhile: the group's commits decide where its new owner resumes.
            LOG.log(Level.FINE, "Rewind of " + partition + " refused", e);
          }
        });
  }

  private List<Header> why(ReceivedRecord record, Throwable failure) {
    List<Header> headers = new ArrayList<>(record.headers());
    headers.add(Header.of("tributary.dlt.topic", record.topic()));
    headers.add(Header.of("tributary.dlt.partition", Integer.toString(record.partition())));
    headers.add(Header.of("tributary.dlt.offset", Long.toString(record.offset())));
    headers.add(Header.of("tributary.dlt.listener", listener.name()));
    headers.add(Header.of("tributary.dlt.attempts", Integer.toString(settings.maxAttempts())));
    headers.add(Header.of("tributary.dlt.exception", failure.getClass().getName()));
    headers.add(Header.of("tributary.dlt.message", String.valueOf(failure.getMessage())));
    return headers;
  }

  private TributaryContext awaitTributary() {
    while (running) {
      try {
        return tributaries.get();
      } catch (IllegalStateException notYet) {
        pause(UNAVAILABLE_PAUSE);
      }
    }
    return null;
  }

  private void pause(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    try {
      while (running && System.nanoTime() < end) {
        Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static String where(ReceivedRecord record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  private static ThreadFactory threads() {
    try {
      return lookup("java:comp/DefaultManagedThreadFactory", ThreadFactory.class);
    } catch (IllegalStateException outsideTheContainer) {
      return Thread::new;
    }
  }

  private static <T> T lookup(String name, Class<T> type) {
    try {
      return type.cast(new InitialContext().lookup(name));
    } catch (NamingException | ClassCastException e) {
      throw new IllegalStateException("Cannot look up " + name + ": " + e.getMessage(), e);
    }
  }
}
