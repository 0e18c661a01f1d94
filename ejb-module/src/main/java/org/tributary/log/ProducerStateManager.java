package org.tributary.log;

import java.util.HashMap;
import java.util.Map;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * The idempotent producers of one partition (Kafka's {@code ProducerStateManager}) and the checks
 * of Kafka's {@code ProducerAppendInfo}: a batch either follows its producer's last one, repeats
 * one of its last five (a retry, answered with the original offsets), or is refused. Not
 * thread-safe: only the group-commit writer reads and changes it (and recovery, before the writer
 * starts), so batches are checked in queue order.
 */
final class ProducerStateManager {

  private final TopicPartition topicPartition;

  /** How often at most the producers are checked for expiry: a walk of all of them. */
  private static final long EXPIRY_CHECK_INTERVAL_MS = 60_000;

  private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
  private long lastExpiryCheck;

  ProducerStateManager(TopicPartition topicPartition) {
    this.topicPartition = topicPartition;
  }

  ProducerStateEntry entry(long producerId) {
    return producers.get(producerId);
  }

  void update(long producerId, ProducerStateEntry entry) {
    producers.put(producerId, entry);
  }

  int size() {
    return producers.size();
  }

  /**
   * Forgets producers whose last batch is older than {@code expirationMs} (Kafka's expiry); walks
   * them at most once a minute.
   */
  void removeExpired(long now, long expirationMs) {
    if (now - lastExpiryCheck < EXPIRY_CHECK_INTERVAL_MS) {
      return;
    }
    lastExpiryCheck = now;
    producers.values().removeIf(entry -> now - entry.lastTimestamp() > expirationMs);
  }

  /**
   * Checks a batch against a producer's entry (the current one, or one staged by this commit).
   *
   * @return the retained batch this one repeats, or {@code null} when it is to be appended
   * @throws TributaryException INVALID_PRODUCER_EPOCH for a fenced epoch,
   *     OUT_OF_ORDER_SEQUENCE_NUMBER for a gap or a reorder
   */
  BatchMetadata check(ProducerStateEntry current, ProducerBatch batch) {
    if (current == null) {
      // No state (a new producer, or one whose batches were deleted or expired): Kafka accepts
      // any sequence.
      return null;
    }
    if (batch.epoch() < current.epoch()) {
      throw new TributaryException(
          ErrorCode.INVALID_PRODUCER_EPOCH,
          "Producer "
              + batch.producerId()
              + " has epoch "
              + batch.epoch()
              + ", older than the current epoch "
              + current.epoch()
              + " at "
              + topicPartition
              + ": another producer with this id took over.");
    }
    BatchMetadata duplicate =
        current.duplicateOf(batch.epoch(), batch.firstSequence(), batch.lastSequence());
    if (duplicate != null) {
      return duplicate;
    }
    if (batch.epoch() != current.epoch()) {
      if (batch.firstSequence() != 0) {
        throw outOfOrder(
            batch,
            "a new epoch "
                + batch.epoch()
                + " must start at sequence 0, but starts at "
                + batch.firstSequence());
      }
    } else if (!inSequence(current.lastSequence(), batch.firstSequence())) {
      throw outOfOrder(
          batch,
          "expected sequence "
              + nextSequence(current.lastSequence())
              + " but got "
              + batch.firstSequence()
              + " (last appended "
              + current.lastSequence()
              + ")");
    }
    return null;
  }

  private TributaryException outOfOrder(ProducerBatch batch, String why) {
    return new TributaryException(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        "Out of order sequence number for producer "
            + batch.producerId()
            + " at "
            + topicPartition
            + ": "
            + why
            + ".");
  }

  private static boolean inSequence(int lastSequence, int nextSequence) {
    return nextSequence == nextSequence(lastSequence);
  }

  private static int nextSequence(int lastSequence) {
    return lastSequence == Integer.MAX_VALUE ? 0 : lastSequence + 1;
  }
}
