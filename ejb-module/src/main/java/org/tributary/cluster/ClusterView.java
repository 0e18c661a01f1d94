package org.tributary.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as this server last read it: the live servers, which of them this is, and which one
 * writes (leads every partition and coordinates every group) — none while the writer lease is
 * between holders. Immutable; a new view replaces the old one at every heartbeat.
 */
public record ClusterView(int self, List<Broker> brokers, Optional<Integer> writer) {

  /** A live server: where Kafka clients reach it (absent without a Kafka listener). */
  public record Broker(
      int id, Optional<String> host, int port, Instant startedAt, Instant heartbeatAt) {

    public boolean hasKafkaListener() {
      return host.isPresent();
    }
  }

  public ClusterView {
    brokers = List.copyOf(brokers);
  }

  /**
   * The view of the member rows read at {@code now}: a member is live while its last heartbeat is
   * less than {@code term} old; this server always is, reachable where it says it listens. The
   * writer is the live member that holds the writer lease ({@code writerLeaseHolder}).
   */
  static ClusterView of(
      Self self,
      List<Member> rows,
      Instant now,
      Duration term,
      Optional<String> writerLeaseHolder) {
    Instant deadBefore = now.minus(term);
    List<Broker> live = new ArrayList<>();
    Optional<Integer> writer = Optional.empty();
    boolean selfListed = false;
    for (Member row : rows) {
      Broker broker = row.broker();
      boolean isSelf = broker.id() == self.brokerId() && row.memberId().equals(self.memberId());
      if (!isSelf && broker.heartbeatAt().isBefore(deadBefore)) {
        continue;
      }
      if (isSelf) {
        selfListed = true;
        live.add(self.asBroker(broker.startedAt(), broker.heartbeatAt()));
      } else {
        live.add(broker);
      }
      if (writerLeaseHolder.filter(row.memberId()::equals).isPresent()) {
        writer = Optional.of(broker.id());
      }
    }
    if (!selfListed) {
      live.add(self.asBroker(now, now));
      live.sort(Comparator.comparingInt(Broker::id));
    }
    return new ClusterView(self.brokerId(), live, writer);
  }

  /** A member row: who the server is (the writer lease's name for it), and the broker it is. */
  record Member(String memberId, Broker broker) {}

  /** This server: its broker id, its member id and where it listens for Kafka clients. */
  record Self(int brokerId, String memberId, Optional<String> host, int port) {

    Broker asBroker(Instant startedAt, Instant heartbeatAt) {
      return new Broker(brokerId, host, port, startedAt, heartbeatAt);
    }
  }

  /**
   * This view as this server knows it first: whether it writes itself, before the database says so,
   * and no longer as soon as it may not.
   */
  ClusterView withSelfWriting(boolean selfWrites) {
    boolean saysSelf = writer.filter(id -> id == self).isPresent();
    if (selfWrites == saysSelf) {
      return this;
    }
    return new ClusterView(self, brokers, selfWrites ? Optional.of(self) : Optional.empty());
  }
}
