package org.tributary.web.sse;

/**
 * When an open stream needs the server's attention: a heartbeat comment after {@code
 * heartbeatMillis} without output (so that a dead client shows as a stalled one), the end after
 * {@code idleMillis} without a record, and the end when its pending events have not moved for
 * {@code stallMillis} (the client stopped reading; its buffer may grow no further).
 */
record StreamTimeouts(long heartbeatMillis, long idleMillis, long stallMillis) {

  enum Due {
    NOTHING,
    HEARTBEAT,
    IDLE,
    STALLED
  }

  /** What is due now, the gravest first. */
  Due due(long sinceRecordMillis, long sinceOutputMillis, long stalledForMillis) {
    if (stalledForMillis >= stallMillis) {
      return Due.STALLED;
    }
    if (sinceRecordMillis >= idleMillis) {
      return Due.IDLE;
    }
    if (sinceOutputMillis >= heartbeatMillis) {
      return Due.HEARTBEAT;
    }
    return Due.NOTHING;
  }

  /** The same with a client's shorter idle limit; a longer one than the server's is capped. */
  StreamTimeouts withIdleMillis(long requested) {
    return new StreamTimeouts(heartbeatMillis, Math.min(idleMillis, requested), stallMillis);
  }
}
