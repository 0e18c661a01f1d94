package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tributary.testing.Refusals.assertRefused;

import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
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
    assertRefused(
        ErrorCode.NO_OFFSET_FOR_PARTITION, () -> OffsetResetStrategy.NONE.startOffset(TP, 0, 1));
  }

  @Test
  void unknownStrategyIsInvalidConfig() {
    assertRefused(ErrorCode.INVALID_CONFIG, () -> OffsetResetStrategy.parse("middle"));
  }
}
