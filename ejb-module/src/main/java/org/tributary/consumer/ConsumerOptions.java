package org.tributary.consumer;

import java.time.Duration;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.group.RangeAssignor;

/**
 * A consumer's settings, with Kafka's meaning.
 *
 * @param clientId names the consumer in the group's description
 * @param autoOffsetReset where to start a partition that has no (valid) committed offset
 * @param autoCommit commit the positions of what earlier polls returned at each poll and on close
 * @param fetchMinBytes a poll returns as soon as at least this many bytes are there
 * @param sessionTimeout how long the group keeps the consumer without hearing from it
 * @param assignor the group's partition assignor ({@code range} or {@code roundrobin})
 */
public record ConsumerOptions(
    String clientId,
    OffsetResetStrategy autoOffsetReset,
    boolean autoCommit,
    int fetchMinBytes,
    Duration sessionTimeout,
    String assignor) {

  public static ConsumerOptions defaults() {
    return new ConsumerOptions(
        "consumer",
        OffsetResetStrategy.LATEST,
        false,
        1,
        Duration.ofSeconds(45),
        RangeAssignor.NAME);
  }
}
