package org.tributary.log;

import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * What a RecordBatch v2 says of the producer that wrote it: its id and epoch and the sequence
 * numbers of its first and last record. A producer id of -1 is a producer without idempotence.
 */
record ProducerBatch(long producerId, short epoch, int firstSequence, int lastSequence) {

  static ProducerBatch of(RecordBatch batch) {
    return new ProducerBatch(
        batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastSequence());
  }

  boolean idempotent() {
    return producerId != RecordBatch.NO_PRODUCER_ID;
  }
}
