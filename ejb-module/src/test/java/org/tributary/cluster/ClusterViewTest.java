package org.tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Duration TERM = Duration.ofSeconds(10);
  private static final ClusterView.Self SELF =
      new ClusterView.Self(1, "me", Optional.of("127.0.0.1"), 9093);

  private static ClusterView.Member member(int id, String memberId, Instant heartbeat) {
    return new ClusterView.Member(
        memberId,
        new ClusterView.Broker(
            id, Optional.of("127.0.0.1"), 9092 + id, NOW.minusSeconds(60), heartbeat));
  }

  private static List<Integer> ids(ClusterView view) {
    return view.brokers().stream().map(ClusterView.Broker::id).toList();
  }

  @Test
  void aServerIsLiveWhileItsHeartbeatIsYoungerThanTheTerm() {
    ClusterView view =
        ClusterView.of(
            SELF,
            List.of(
                member(0, "alive", NOW.minusSeconds(9)),
                member(1, "me", NOW.minusSeconds(1)),
                member(2, "dead", NOW.minusSeconds(11))),
            NOW,
            TERM,
            Optional.empty());
    assertEquals(List.of(0, 1), ids(view));
  }

  @Test
  void theWriterIsTheLiveMemberThatHoldsTheWriterLease() {
    List<ClusterView.Member> rows =
        List.of(member(0, "other", NOW.minusSeconds(2)), member(1, "me", NOW));
    assertEquals(
        Optional.of(0), ClusterView.of(SELF, rows, NOW, TERM, Optional.of("other")).writer());
    assertEquals(Optional.of(1), ClusterView.of(SELF, rows, NOW, TERM, Optional.of("me")).writer());
    assertEquals(
        Optional.empty(),
        ClusterView.of(SELF, rows, NOW, TERM, Optional.of("a server that left")).writer());
    assertEquals(
        Optional.empty(), ClusterView.of(SELF, rows, NOW, TERM, Optional.empty()).writer());
  }

  @Test
  void aDeadMemberIsNotTheWriterEvenIfItsLeaseIsStillOnRecord() {
    List<ClusterView.Member> rows =
        List.of(member(0, "silent", NOW.minusSeconds(30)), member(1, "me", NOW));
    assertEquals(
        Optional.empty(), ClusterView.of(SELF, rows, NOW, TERM, Optional.of("silent")).writer());
  }

  @Test
  void thisServerIsAlwaysListedWhereItListensEvenBeforeItsRowIsRead() {
    ClusterView view =
        ClusterView.of(
            SELF,
            List.of(member(2, "other", NOW), member(0, "x", NOW)),
            NOW,
            TERM,
            Optional.empty());
    assertEquals(List.of(0, 1, 2), ids(view));
    ClusterView.Broker self =
        view.brokers().stream().filter(broker -> broker.id() == 1).findFirst().orElseThrow();
    assertEquals(Optional.of("127.0.0.1"), self.host());
    assertEquals(9093, self.port());
  }

  @Test
  void aRowWithThisServersIdButAnotherMemberIsAnotherServer() {
    // This server was taken for dead and its id given to a newer server: that one is not us.
    ClusterView view =
        ClusterView.of(SELF, List.of(member(1, "newer", NOW)), NOW, TERM, Optional.of("newer"));
    assertEquals(2, view.brokers().size());
    assertEquals(Optional.of(1), view.writer());
  }
}
