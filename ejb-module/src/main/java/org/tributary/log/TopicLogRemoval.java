package org.tributary.log;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes a deleted topic's batches and recorded offsets off the caller's thread, in short
 * transactions of a bounded number of rows, so that deleting a large topic never blocks the others.
 * Asked again while it runs (a commit stored rows for the topic as it was deleted), it makes one
 * more pass.
 */
final class TopicLogRemoval {

  private static final Logger LOG = Logger.getLogger(TopicLogRemoval.class.getName());

  /** Batches a deleted topic loses per transaction: row locks only, far below Derby's 5,000. */
  static final int DELETE_CHUNK_BATCHES = 1_000;

  /** Deleted topics whose batches are being removed, and whether another pass was asked for. */
  private final Map<Long, Boolean> removals = new ConcurrentHashMap<>();

  private final BatchStore store;
  private final Executor executor;

  TopicLogRemoval(BatchStore store, Executor executor) {
    this.store = store;
    this.executor = executor;
  }

  /** Removes the batches of topics deleted while no server wrote (or before it could remove). */
  void removeOrphans(List<Long> topicIds) {
    if (!topicIds.isEmpty()) {
      LOG.info(() -> "Removing the record batches of " + topicIds.size() + " deleted topics");
      topicIds.forEach(this::remove);
    }
  }

  void remove(long topicId) {
    if (removals.put(topicId, Boolean.TRUE) != null) {
      return; // the running removal sees the request and passes again
    }
    try {
      executor.execute(() -> removeNow(topicId));
    } catch (RuntimeException rejected) {
      removals.remove(topicId);
      LOG.log(Level.WARNING, "Batches of a deleted topic stay until the next start", rejected);
    }
  }

  private void removeNow(long topicId) {
    try {
      int removed = 0;
      do {
        removals.put(topicId, Boolean.FALSE);
        int chunk;
        do {
          chunk = store.deleteTopicBatches(topicId, DELETE_CHUNK_BATCHES);
          removed += chunk;
        } while (chunk > 0);
      } while (!removals.remove(topicId, Boolean.FALSE));
      store.deleteTopicOffsets(topicId);
      int total = removed;
      LOG.fine(() -> "Removed " + total + " record batches of deleted topic " + topicId);
    } catch (RuntimeException e) {
      removals.remove(topicId);
      LOG.log(Level.WARNING, "Batches of a deleted topic stay until the next start", e);
    }
  }
}
