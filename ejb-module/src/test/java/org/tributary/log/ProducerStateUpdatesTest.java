package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/** Kafka's idempotent-producer rules, checked in queue order and kept only once durable. */
class ProducerStateUpdatesTest {

  static final long NOW = 1_700_000_000_000L;
  static final TopicMetadata TOPIC =
      new TopicMetadata(1, "t", 1, TopicConfig.defaults(), Instant.EPOCH);

  private final PartitionLog log =
      new PartitionLog(
          1,
          new TopicPartition("t", 0),
          0,
          0,
          0,
          1 << 20,
          new TailCacheBudget(1 << 20),
          null,
          null);

  /** A producer's batch of {@code count} records from sequence {@code firstSequence}. */
  static ProducedBatch batch(long producerId, short epoch, int firstSequence, int count) {
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            ByteBuffer.allocate(1024),
            RecordBatch.MAGIC_VALUE_V2,
            Compression.NONE,
            TimestampType.CREATE_TIME,
            0,
            RecordBatch.NO_TIMESTAMP,
            producerId,
            epoch,
            firstSequence);
    for (int i = 0; i < count; i++) {
      builder.append(NOW, null, ("v" + i).getBytes());
    }
    return ProducedBatch.validate(TOPIC, 0, builder.build(), NOW);
  }

  /** Checks and commits one batch at the given base offset. */
  private ProducerStateUpdates.Checked appended(ProducedBatch batch, long baseOffset) {
    ProducerStateUpdates commit = new ProducerStateUpdates(NOW);
    ProducerStateUpdates.Checked checked = commit.check(log, batch);
    if (checked.refusal() != null) {
      throw checked.refusal();
    }
    if (!checked.duplicate()) {
      checked.batch().assigned(baseOffset);
    }
    commit.apply();
    return checked;
  }

  @Test
  void aRetriedBatchAnswersItsOriginalOffsets() {
    appended(batch(7, (short) 0, 0, 3), 100);
    appended(batch(7, (short) 0, 3, 2), 103);
    ProducerStateUpdates.Checked retry = appended(batch(7, (short) 0, 0, 3), 999);
    assertTrue(retry.duplicate());
    assertEquals(100, retry.batch().baseOffset());
    assertEquals(102, retry.batch().lastOffset());
  }

  @Test
  void onlyTheLastFiveBatchesAreRemembered() {
    for (int i = 0; i < 6; i++) {
      appended(batch(7, (short) 0, i, 1), i);
    }
    assertRefused(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () -> appended(batch(7, (short) 0, 0, 1), 9));
    assertTrue(appended(batch(7, (short) 0, 1, 1), 9).duplicate());
  }

  @Test
  void aGapIsOutOfOrder() {
    appended(batch(7, (short) 0, 0, 3), 0);
    assertRefused(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () -> appended(batch(7, (short) 0, 4, 1), 3));
    assertFalse(appended(batch(7, (short) 0, 3, 1), 3).duplicate(), "the next in sequence");
  }

  @Test
  void anOlderEpochIsFencedAndANewEpochStartsAtZero() {
    appended(batch(7, (short) 1, 0, 1), 0);
    assertRefused(ErrorCode.INVALID_PRODUCER_EPOCH, () -> appended(batch(7, (short) 0, 1, 1), 1));
    assertRefused(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, () -> appended(batch(7, (short) 2, 5, 1), 1));
    assertFalse(appended(batch(7, (short) 2, 0, 1), 1).duplicate());
  }

  @Test
  void anUnknownProducerMayStartAnywhere() {
    assertFalse(appended(batch(8, (short) 3, 42, 2), 0).duplicate());
  }

  @Test
  void aCommitThatFailsLeavesNoState() {
    ProducerStateUpdates failed = new ProducerStateUpdates(NOW);
    failed.check(log, batch(7, (short) 0, 0, 1)).batch().assigned(0);
    assertNull(log.producers().entry(7), "not applied: the commit never became durable");
  }

  @Test
  void batchesOfOneCommitAreCheckedInQueueOrder() {
    ProducerStateUpdates commit = new ProducerStateUpdates(NOW);
    ProducerStateUpdates.Checked first = commit.check(log, batch(7, (short) 0, 0, 2));
    commit.check(log, batch(7, (short) 0, 2, 2)).batch().assigned(2);
    ProducerStateUpdates.Checked again = commit.check(log, batch(7, (short) 0, 0, 2));
    first.batch().assigned(0);
    assertTrue(again.duplicate());
    assertEquals(
        0, again.batch().baseOffset(), "a retry within the commit: the original's offsets");
    assertEquals(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        commit.check(log, batch(7, (short) 0, 9, 1)).refusal().code());
  }

  @Test
  void aBatchWithoutProducerIdIsNeverChecked() {
    ProducerStateUpdates commit = new ProducerStateUpdates(NOW);
    ProducedBatch plain = batch(RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, -1, 1);
    assertNull(commit.check(log, plain).batch());
    assertNull(commit.check(log, plain).batch());
  }

  @Test
  void aProducerSilentForADayIsForgotten() {
    appended(batch(7, (short) 0, 0, 1), 0);
    ProducerStateUpdates aDayLater =
        new ProducerStateUpdates(NOW + ProducerStateUpdates.PRODUCER_ID_EXPIRATION_MS + 60_001);
    aDayLater.check(log, batch(8, (short) 0, 0, 1)).batch().assigned(1);
    aDayLater.apply();
    assertNull(log.producers().entry(7), "expired, as Kafka's producer.id.expiration.ms");
    assertTrue(log.producers().entry(8) != null);
  }
}
