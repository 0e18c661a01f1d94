package org.tributary.group;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicName;

/**
 * What an operator asks to reset: one topic's partitions (all when {@code partitions} is null) by a
 * strategy, with the one argument that strategy needs.
 */
public record OffsetResetRequest(
    OffsetResetScenario strategy,
    String topic,
    List<Integer> partitions,
    Long offset,
    Instant datetime,
    Duration duration,
    Long shift) {

  public OffsetResetRequest {
    TopicName.validate(topic);
    partitions = partitions == null ? null : List.copyOf(partitions);
    switch (strategy) {
      case TO_OFFSET -> require(strategy, offset, "offset");
      case TO_DATETIME -> require(strategy, datetime, "datetime");
      case BY_DURATION -> require(strategy, duration, "duration");
      case SHIFT_BY -> require(strategy, shift, "shift");
      case TO_EARLIEST, TO_LATEST -> {}
      case UNDO ->
          throw invalid("An undo names the reset it reverts; it is not a strategy to request.");
    }
    if (offset != null && offset < 0) {
      throw invalid("offset must not be negative, was " + offset + ".");
    }
    if (duration != null && duration.isNegative()) {
      throw invalid("duration must not be negative, was " + duration + ".");
    }
  }

  /**
   * The new offset of one partition, clamped to {@code [logStart, lastStableOffset]} as {@code
   * kafka-consumer-groups} clamps it.
   *
   * @param current the group's committed offset, or null; shift-by shifts from the log start then
   * @param offsetAtTime the first offset with a timestamp at or after the given time, if any
   */
  public long target(
      Long current,
      long logStart,
      long lastStableOffset,
      Function<Instant, OptionalLong> offsetAtTime,
      Instant now) {
    long wanted =
        switch (strategy) {
          case TO_EARLIEST -> logStart;
          case TO_LATEST -> lastStableOffset;
          case TO_OFFSET -> offset;
          case TO_DATETIME -> offsetAtTime.apply(datetime).orElse(lastStableOffset);
          case BY_DURATION -> offsetAtTime.apply(now.minus(duration)).orElse(lastStableOffset);
          case SHIFT_BY -> saturatedAdd(current == null ? logStart : current, shift);
          case UNDO -> throw new IllegalStateException("an undo has no request");
        };
    return Math.max(logStart, Math.min(lastStableOffset, wanted));
  }

  private static long saturatedAdd(long base, long delta) {
    try {
      return Math.addExact(base, delta);
    } catch (ArithmeticException e) {
      return delta > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  private static void require(OffsetResetScenario strategy, Object argument, String name) {
    if (argument == null) {
      throw invalid("Strategy " + strategy.label() + " needs '" + name + "'.");
    }
  }

  private static TributaryException invalid(String message) {
    return new TributaryException(ErrorCode.INVALID_REQUEST, message);
  }
}
