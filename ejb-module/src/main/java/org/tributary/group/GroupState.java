package org.tributary.group;

/**
 * A consumer group's state, with Kafka's names. Tributary assigns partitions on the broker in the
 * same step as the membership change, so a group goes from a change straight to
 * COMPLETING_REBALANCE (members have yet to pick up the new assignment) and then to STABLE;
 * PREPARING_REBALANCE is kept for Kafka clients' vocabulary and is not entered.
 */
public enum GroupState {
  EMPTY,
  PREPARING_REBALANCE,
  COMPLETING_REBALANCE,
  STABLE,
  DEAD
}
