package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

class OffsetResetStrategyTest {

  private static final TopicPartition TP = new TopicPartition("t", 0);

  @Test
  void earliestStartsAtTheLogStartAndLatestAtTheLastStableOffset() {
    assertEquals(5, OffsetResetStrategy.parse("earliest").startOffset(TP, 5, 42));
    assertEquals(42, OffsetResetStrategy.parse("LATEST").startOffset(TP, 5, 42));
  }

  @Test
  void latestIsKafkasDefault() {
    assertEquals(OffsetResetStrategy.LATEST, OffsetResetStrategy.parse(null));
  }

  @Test
  void noneRefusesToGuess() {
    TributaryException e =
        assertThrows(
            TributaryException.class, () -> OffsetResetStrategy.NONE.startOffset(TP, 0, 1));
    assertEquals(ErrorCode.NO_OFFSET_FOR_PARTITION, e.code());
  }

  @Test
  void unknownStrategyIsInvalidConfig() {
    assertEquals(
        ErrorCode.INVALID_CONFIG,
        assertThrows(TributaryException.class, () -> OffsetResetStrategy.parse("middle")).code());
  }
}
