package org.tributary.log;

import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the end of a log whose last offsets became a gap (see {@link LogEndOffset}), off the
 * caller's thread; the log's last stable offset passes the gap once it is recorded.
 */
final class LogEndRecorder {

  private static final Logger LOG = Logger.getLogger(LogEndRecorder.class.getName());

  private final BatchStore store;
  private final Executor executor;
  private final DelayedFetches delayedFetches;

  LogEndRecorder(BatchStore store, Executor executor, DelayedFetches delayedFetches) {
    this.store = store;
    this.executor = executor;
    this.delayedFetches = delayedFetches;
  }

  void record(PartitionLog log) {
    try {
      executor.execute(() -> recordNow(log));
    } catch (RuntimeException rejected) {
      log.endRecordFailed();
    }
  }

  private void recordNow(PartitionLog log) {
    OptionalLong end = log.unrecordedEnd();
    if (end.isEmpty()) {
      log.endRecordFailed(); // nothing (left) to record; clears the request
      return;
    }
    try {
      store.saveLogEnd(log.topicId(), log.topicPartition().partition(), end.getAsLong());
    } catch (RuntimeException e) {
      log.endRecordFailed();
      LOG.log(
          Level.WARNING,
          "Could not record the end of "
              + log.topicPartition()
              + "; its high watermark waits for the next append",
          e);
      return;
    }
    delayedFetches.wake(log.endRecorded(end.getAsLong()));
  }
}
