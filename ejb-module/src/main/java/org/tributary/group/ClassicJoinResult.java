package org.tributary.group;

import java.util.List;
import org.tributary.errors.ErrorCode;

/**
 * What a JoinGroup is answered: an error (null when none) or the new generation; the leader also
 * gets every member with its metadata for the chosen protocol.
 */
public record ClassicJoinResult(
    ErrorCode error,
    String memberId,
    int generation,
    String protocolType,
    String protocolName,
    String leader,
    List<Joined> members) {

  /** A member as the leader sees it in its JoinGroup response. */
  public record Joined(String memberId, String groupInstanceId, byte[] metadata) {}

  static ClassicJoinResult failed(ErrorCode error, String memberId) {
    return new ClassicJoinResult(error, memberId, -1, null, null, "", List.of());
  }
}
