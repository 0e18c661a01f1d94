package org.tributary.kafka.fetch;

import org.apache.kafka.common.protocol.Errors;
import org.tributary.log.LogReadResult;
import org.tributary.topic.TopicPartition;

/** What a Fetch answers for one partition: the batches read, or the error it gets. */
record FetchedPartition(TopicPartition partition, LogReadResult read, Errors error) {

  static FetchedPartition of(LogReadResult read) {
    return new FetchedPartition(read.partition(), read, Errors.NONE);
  }

  static FetchedPartition failed(TopicPartition partition, Errors error) {
    return new FetchedPartition(partition, null, error);
  }

  int sizeInBytes() {
    return read == null ? 0 : read.sizeInBytes();
  }
}
