package org.tributary.kafka.group;

import org.tributary.group.GroupState;

/** A group state as Kafka's protocol spells it (ListGroups, DescribeGroups). */
final class GroupStateNames {

  private GroupStateNames() {}

  static String of(GroupState state) {
    return switch (state) {
      case EMPTY -> "Empty";
      case PREPARING_REBALANCE -> "PreparingRebalance";
      case COMPLETING_REBALANCE -> "CompletingRebalance";
      case STABLE -> "Stable";
      case DEAD -> "Dead";
    };
  }
}
