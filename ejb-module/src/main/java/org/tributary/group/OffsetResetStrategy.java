package org.tributary.group;

import java.util.Locale;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/** Kafka's {@code auto.offset.reset}: where a consumer starts when its group has no commit. */
public enum OffsetResetStrategy {
  EARLIEST,
  LATEST,
  NONE;

  /** Kafka's names, and the old {@code smallest}/{@code largest}; null means latest. */
  public static OffsetResetStrategy parse(String value) {
    if (value == null) {
      return LATEST;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "earliest", "smallest" -> EARLIEST;
      case "latest", "largest" -> LATEST;
      case "none" -> NONE;
      default ->
          throw new TributaryException(
              ErrorCode.INVALID_CONFIG,
              "auto.offset.reset must be earliest, latest or none, was '" + value + "'.");
    };
  }

  /** The offset to start at on {@code partition}, whose log spans the given offsets. */
  public long startOffset(TopicPartition partition, long logStartOffset, long lastStableOffset) {
    return switch (this) {
      case EARLIEST -> logStartOffset;
      case LATEST -> lastStableOffset;
      case NONE ->
          throw new TributaryException(
              ErrorCode.NO_OFFSET_FOR_PARTITION,
              "No committed offset for "
                  + partition
                  + " and auto.offset.reset is none; commit or reset an offset first.");
    };
  }
}
