package org.tributary.web.v3;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionLogs;
import org.tributary.log.Record;
import org.tributary.web.sse.EventStream;

/**
 * Feeds a topic's new records into an event stream: per partition, a loop of fetches that wait at
 * the high watermark without a thread (the core's long poll). A partition fetches again only while
 * the stream's buffer has room, so a slow client slows its own fetches and no more; a fetch that
 * completes at once is followed in the same loop, one that waits resumes on the stream's executor
 * ({@link EventStream#execute}), as every loop runs: never on the thread that completed the fetch.
 *
 * <p>Each event's id is the stream's {@link StreamPositions} after it: advanced and queued under
 * their monitor, so the events reach the client in the order of their ids.
 */
final class TopicTail {

  private static final Logger LOG = Logger.getLogger(TopicTail.class.getName());

  /** Bytes one fetch of one partition reads. */
  static final int FETCH_BYTES = 65_536;

  /** How long one fetch waits at the high watermark before the loop asks again. */
  static final Duration MAX_WAIT = Duration.ofSeconds(10);

  private final PartitionLogs logs;
  private final EventStream stream;
  private final String topic;
  private final RecordJson format;
  private final StreamPositions positions;

  /**
   * @param start where each partition starts
   */
  TopicTail(
      PartitionLogs logs,
      EventStream stream,
      String topic,
      RecordJson format,
      Map<Integer, Long> start) {
    this.logs = logs;
    this.stream = stream;
    this.topic = topic;
    this.format = format;
    this.positions = new StreamPositions(start);
  }

  /** Starts a loop per partition. */
  void start() {
    // A copy, taken before the first loop advances the positions.
    positions
        .positions()
        .forEach((partition, offset) -> stream.execute(() -> pump(partition, offset)));
  }

  private void pump(int partition, long offset) {
    long position = offset;
    while (stream.isOpen()) {
      long at = position;
      if (stream.mustWaitForRoom(() -> pump(partition, at))) {
        return;
      }
      CompletableFuture<FetchResult> fetch;
      try {
        fetch = logs.fetch(topic, partition, position, FETCH_BYTES, MAX_WAIT).toCompletableFuture();
      } catch (RuntimeException e) {
        position = recover(partition, position, e);
        continue;
      }
      if (!fetch.isDone()) {
        fetch.whenComplete(
            (result, error) ->
                stream.execute(
                    () -> {
                      long next =
                          error == null
                              ? deliver(partition, result)
                              : recover(partition, at, error);
                      pump(partition, next);
                    }));
        return;
      }
      try {
        position = deliver(partition, fetch.join());
      } catch (CompletionException e) {
        position = recover(partition, position, e.getCause());
      }
    }
  }

  /** Queues the records as events; the offset to fetch next. */
  private long deliver(int partition, FetchResult result) {
    synchronized (positions) {
      for (Record record : result.records()) {
        positions.advance(partition, record.offset() + 1);
        if (!stream.send(format.event(positions.eventId(), topic, partition, record))) {
          return result.nextOffset();
        }
      }
      // Past a gap or aborted records too, so that the next event's id does not read them again.
      positions.advance(partition, result.nextOffset());
    }
    return result.nextOffset();
  }

  /**
   * A fetch failed. Below the log start (retention or DeleteRecords passed the stream) it goes on
   * from the nearest valid offset; any other refusal (the topic was deleted, the server stopped
   * writing) ends the stream with the reason.
   */
  private long recover(int partition, long position, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof TributaryException refused
        && refused.code() == ErrorCode.OFFSET_OUT_OF_RANGE) {
      try {
        return logs.offsets(topic, partition).clamp(position);
      } catch (RuntimeException e) {
        cause = e;
      }
    }
    if (cause instanceof TributaryException refused) {
      stream.close(refused.code().name().toLowerCase(java.util.Locale.ROOT), refused.getMessage());
    } else {
      LOG.log(Level.WARNING, "A record stream of topic " + topic + " failed", cause);
      stream.close("error", "Reading the topic failed; reconnect to go on.");
    }
    return position;
  }
}
