package org.tributary.group;

import org.tributary.errors.ErrorCode;

/** What a SyncGroup is answered: an error (null when none) or the member's assignment. */
public record ClassicSyncResult(
    ErrorCode error, String protocolType, String protocolName, byte[] assignment) {

  static ClassicSyncResult failed(ErrorCode error) {
    return new ClassicSyncResult(error, null, null, new byte[0]);
  }
}
