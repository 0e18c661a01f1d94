package org.tributary.benchmark;

/** One figure the Kafka cases print, per target, in the order of the comparison's table. */
enum KafkaFigure {
  PRODUCE_100_RECORDS("produce 100 B, acks=all, linger.ms=5", "records/s", true),
  PRODUCE_100_MB("produce 100 B, acks=all, linger.ms=5", "MB/s", true),
  PRODUCE_1K_RECORDS("produce 1 KB, acks=all, linger.ms=5", "records/s", true),
  PRODUCE_1K_MB("produce 1 KB, acks=all, linger.ms=5", "MB/s", true),
  SEND_GET_P50("send().get() 100 B, acks=all", "p50 ms", false),
  SEND_GET_P99("send().get() 100 B, acks=all", "p99 ms", false),
  CONSUME_RECORDS("consume 100 B backlog, assign()", "records/s", true),
  CONSUME_MB("consume 100 B backlog, assign()", "MB/s", true),
  END_TO_END_P50("end to end 100 B, subscribe()", "p50 ms", false),
  END_TO_END_P99("end to end 100 B, subscribe()", "p99 ms", false);

  final String measure;
  final String unit;
  final boolean higherIsBetter;

  KafkaFigure(String measure, String unit, boolean higherIsBetter) {
    this.measure = measure;
    this.unit = unit;
    this.higherIsBetter = higherIsBetter;
  }
}
