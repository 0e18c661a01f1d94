package org.tributary.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.Assignment;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.topic.TopicPartition;

/**
 * A group coordinator that answers a consumer's requests from fields a test sets, and writes down
 * every request it received.
 */
final class FakeGroup {

  final List<String> requests = new ArrayList<>();
  final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
  final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
  final Map<TopicPartition, Long> startingOffsets = new HashMap<>();

  /** What every join and heartbeat assigns. */
  List<TopicPartition> partitions = List.of();

  int generation = 1;

  /** A member the group no longer knows: its heartbeats, rejoins and leaves are refused. */
  String expired;

  /** What the next heartbeat fails with, if anything. */
  TributaryException heartbeatRefusal;

  /** What every commit fails with, if anything. */
  TributaryException commitRefusal;

  private int members;

  GroupRequests requests() {
    return new GroupRequests(
        "g",
        this::join,
        this::heartbeat,
        this::leave,
        this::commit,
        () -> Map.copyOf(committed),
        this::startingOffsets);
  }

  private Assignment join(String memberId, Set<String> topics) {
    requests.add("join " + memberId + " " + new TreeSet<>(topics));
    refuseIfExpired(memberId);
    return assignment(memberId == null ? "m" + ++members : memberId);
  }

  private Assignment heartbeat(String memberId) {
    requests.add("heartbeat " + memberId);
    refuseIfExpired(memberId);
    if (heartbeatRefusal != null) {
      TributaryException refusal = heartbeatRefusal;
      heartbeatRefusal = null;
      throw refusal;
    }
    return assignment(memberId);
  }

  private void leave(String memberId) {
    requests.add("leave " + memberId);
    refuseIfExpired(memberId);
  }

  private void commit(
      String memberId, int generation, Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<TopicPartition, Long> positions = new TreeMap<>();
    offsets.forEach((partition, commit) -> positions.put(partition, commit.offset()));
    requests.add("commit " + memberId + " " + generation + " " + positions);
    if (commitRefusal != null) {
      throw commitRefusal;
    }
    commits.add(offsets);
  }

  private Map<TopicPartition, Long> startingOffsets(Collection<TopicPartition> partitions) {
    requests.add("startingOffsets " + new TreeSet<>(partitions));
    Map<TopicPartition, Long> starts = new HashMap<>();
    partitions.forEach(
        partition -> starts.put(partition, startingOffsets.getOrDefault(partition, 0L)));
    return starts;
  }

  private void refuseIfExpired(String memberId) {
    if (memberId != null && memberId.equals(expired)) {
      throw new TributaryException(ErrorCode.UNKNOWN_MEMBER_ID, "Unknown member " + memberId);
    }
  }

  private Assignment assignment(String memberId) {
    return new Assignment("g", memberId, generation, partitions);
  }
}
