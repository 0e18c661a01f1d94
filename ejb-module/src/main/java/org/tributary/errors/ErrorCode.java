package org.tributary.errors;

/**
 * Why a broker operation was refused, named as Kafka's protocol names its errors so that Kafka
 * users recognise them. The HTTP and console boundaries map each code once to their own shape.
 */
public enum ErrorCode {
  INVALID_TOPIC_EXCEPTION,
  TOPIC_ALREADY_EXISTS,
  UNKNOWN_TOPIC_OR_PARTITION,
  INVALID_PARTITIONS,
  INVALID_CONFIG,
  INVALID_REQUEST,
  RECORD_TOO_LARGE,
  INVALID_RECORD,
  /** A record's CreateTime outside the topic's message.timestamp.before/after.max.ms. */
  INVALID_TIMESTAMP,
  OFFSET_OUT_OF_RANGE,
  NO_OFFSET_FOR_PARTITION,
  INVALID_GROUP_ID,
  GROUP_ID_NOT_FOUND,
  UNKNOWN_MEMBER_ID,
  ILLEGAL_GENERATION,
  REBALANCE_IN_PROGRESS,
  INVALID_SESSION_TIMEOUT,
  INCONSISTENT_GROUP_PROTOCOL,
  /** A Kafka member's first JoinGroup: it is given an id and joins again with it. */
  MEMBER_ID_REQUIRED,
  /** A static member whose group.instance.id is now held by a newer member id. */
  FENCED_INSTANCE_ID,
  OFFSET_METADATA_TOO_LARGE,
  NON_EMPTY_GROUP,
  /** OffsetDelete of a topic that live members of the group subscribe to. */
  GROUP_SUBSCRIBED_TO_TOPIC,
  KAFKA_STORAGE_ERROR,
  /** A record batch whose CRC or structure is wrong (Kafka's CORRUPT_MESSAGE). */
  CORRUPT_MESSAGE,
  /** An idempotent producer's batch does not follow its previous one (a gap or a reorder). */
  OUT_OF_ORDER_SEQUENCE_NUMBER,
  /** An idempotent producer's epoch is older than the one the partition knows. */
  INVALID_PRODUCER_EPOCH,
  /** A consumer mixes a topic subscription, a pattern subscription and manual assignment. */
  INCONSISTENT_SUBSCRIPTION,
  /** An operation the consumer's current state does not allow, as Kafka's client refuses it. */
  ILLEGAL_STATE,
  /** An offset reset to undo that was never executed (for this group). */
  OFFSET_RESET_NOT_FOUND,
  /** A previewed reset whose partitions' committed offsets changed before it was applied. */
  STALE_RESET_PLAN,
  /** No Tributary user of that name. */
  USER_NOT_FOUND,
  /** A Tributary user of that name exists already. */
  USER_ALREADY_EXISTS,
  /** The topic's config forbids the operation (DeleteRecords on a compact-only topic). */
  POLICY_VIOLATION,
  /** This server does not hold the writer lease of its database (another server does). */
  NOT_LEADER_OR_FOLLOWER,
  /** The request was not answered within its deadline; it may still take effect. */
  REQUEST_TIMED_OUT,
  /** A listing's filter that is not valid: an unknown kind, a time that is not one, a bad page. */
  INVALID_FILTER
}
