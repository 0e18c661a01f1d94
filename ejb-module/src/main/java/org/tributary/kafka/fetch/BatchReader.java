package org.tributary.kafka.fetch;

import org.tributary.log.LogReadResult;

/** Reads whole stored batches of one partition without waiting ({@code PartitionLogs}). */
@FunctionalInterface
interface BatchReader {

  /**
   * @throws org.tributary.errors.TributaryException for an unknown partition or an offset out of
   *     range
   */
  LogReadResult read(
      String topicName, int partition, long offset, int maxBytes, boolean minOneBatch);
}
