package org.tributary.log;

import org.tributary.errors.TributaryException;

/**
 * What became of one produced batch: where it is (a retried batch: where it already was), or why it
 * was refused (its producer's epoch or sequence).
 *
 * @param logAppendTime the broker's time stamped on it, or -1 for CreateTime
 */
public record BatchAppendResult(
    long baseOffset, long logAppendTime, long logStartOffset, TributaryException error) {

  static BatchAppendResult appended(long baseOffset, long logAppendTime, long logStartOffset) {
    return new BatchAppendResult(baseOffset, logAppendTime, logStartOffset, null);
  }

  static BatchAppendResult refused(TributaryException error) {
    return new BatchAppendResult(-1, -1, -1, error);
  }
}
