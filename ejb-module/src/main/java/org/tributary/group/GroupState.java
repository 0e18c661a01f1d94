package org.tributary.group;

/**
 * A consumer group's state, with Kafka's names. Tributary's own groups are assigned on the broker
 * in the same step as the membership change, so they go from a change straight to
 * COMPLETING_REBALANCE (members have yet to pick up the new assignment) and then to STABLE. Groups
 * of Kafka clients ({@link ClassicGroup}) go through PREPARING_REBALANCE (waiting for members to
 * rejoin) and COMPLETING_REBALANCE (waiting for the leader's assignment), as in Kafka.
 */
public enum GroupState {
  EMPTY,
  PREPARING_REBALANCE,
  COMPLETING_REBALANCE,
  STABLE,
  DEAD
}
