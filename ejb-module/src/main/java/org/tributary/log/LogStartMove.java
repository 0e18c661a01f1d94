package org.tributary.log;

/** DeleteRecords on one partition: its log start offset before and after. */
public record LogStartMove(int partition, long before, long after) {

  public boolean moved() {
    return after > before;
  }
}
