package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.TopicPartition;

/** Kafka's classic group protocol on a fake clock: the barrier, generations, timeouts, kinds. */
class ClassicGroupCoordinatorTest {

  private static final int SESSION_MS = 6_000;
  private static final int REBALANCE_MS = 20_000;
  private static final String GROUP = "billing";
  private final GroupFixture fixture = new GroupFixture();
  private final ClassicGroupCoordinator classic = fixture.classic;

  ClassicGroupCoordinatorTest() {
    fixture.topics.put("orders", 4);
  }

  private static ClassicJoin join(String memberId, String instanceId, List<String> protocols) {
    return new ClassicJoin(
        GROUP,
        memberId,
        instanceId,
        "client",
        "/127.0.0.1",
        SESSION_MS,
        REBALANCE_MS,
        "consumer",
        protocols.stream().map(p -> new ClassicProtocol(p, (p + memberId).getBytes())).toList(),
        Set.of("orders"),
        true);
  }

  private static ClassicJoin join(String memberId) {
    return join(memberId, null, List.of("range"));
  }

  private static ClassicJoinResult now(CompletionStage<ClassicJoinResult> stage) {
    CompletableFuture<ClassicJoinResult> future = stage.toCompletableFuture();
    assertTrue(future.isDone(), "answered at once");
    return future.join();
  }

  /** A new member: MEMBER_ID_REQUIRED, then the join with the id it was given. */
  private CompletableFuture<ClassicJoinResult> newMember() {
    ClassicJoinResult first = now(classic.join(join("")));
    assertEquals(ErrorCode.MEMBER_ID_REQUIRED, first.error());
    assertFalse(first.memberId().isEmpty());
    return classic.join(join(first.memberId())).toCompletableFuture();
  }

  private ClassicSyncResult syncNow(String memberId, int generation, Map<String, byte[]> given) {
    CompletableFuture<ClassicSyncResult> synced = sync(memberId, generation, given);
    assertTrue(synced.isDone(), "answered at once");
    return synced.join();
  }

  private CompletableFuture<ClassicSyncResult> sync(
      String memberId, int generation, Map<String, byte[]> given) {
    Map<String, ClassicSync.MemberAssignment> assignments = new LinkedHashMap<>();
    given.forEach(
        (member, bytes) ->
            assignments.put(
                member,
                new ClassicSync.MemberAssignment(
                    bytes, List.of(new TopicPartition("orders", bytes.length)))));
    return classic
        .sync(new ClassicSync(GROUP, memberId, null, generation, "consumer", "range", assignments))
        .toCompletableFuture();
  }

  /** One member that joined and synced: generation 1, stable. */
  private ClassicJoinResult stableAlone() {
    ClassicJoinResult a = newMember().join();
    syncNow(a.memberId(), a.generation(), Map.of(a.memberId(), new byte[] {1}));
    return a;
  }

  private void tick(Duration passed) {
    fixture.nanos.advance(passed);
    fixture.coordinator.expireMembers();
  }

  @Test
  void aFirstJoinIsGivenAnIdAndTheOnlyMemberLeadsGenerationOne() {
    ClassicJoinResult a = newMember().join();

    assertNull(a.error());
    assertEquals(1, a.generation());
    assertEquals(a.memberId(), a.leader());
    assertEquals("range", a.protocolName());
    assertEquals(1, a.members().size());
    assertArrayEquals(("range" + a.memberId()).getBytes(), a.members().get(0).metadata());
    assertEquals(GroupState.COMPLETING_REBALANCE, fixture.coordinator.describe(GROUP).state());
  }

  @Test
  void aJoinIsHeldUntilEveryKnownMemberRejoinedThenTheLeaderAssignsEveryone() {
    ClassicJoinResult a = stableAlone();

    CompletableFuture<ClassicJoinResult> b = newMember();
    assertFalse(b.isDone(), "held at the barrier until a rejoins");
    assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, classic.heartbeat(GROUP, a.memberId(), null, 1));

    ClassicJoinResult aAgain = now(classic.join(join(a.memberId())));
    ClassicJoinResult bJoined = b.join();
    assertEquals(2, aAgain.generation());
    assertEquals(2, bJoined.generation());
    assertEquals(a.memberId(), aAgain.leader());
    assertEquals(2, aAgain.members().size(), "the leader sees every member");
    assertTrue(bJoined.members().isEmpty(), "a follower sees none");

    CompletableFuture<ClassicSyncResult> bSynced = sync(bJoined.memberId(), 2, Map.of());
    assertFalse(bSynced.isDone(), "a follower waits for the leader's assignment");
    ClassicSyncResult aSynced =
        syncNow(
            a.memberId(),
            2,
            Map.of(a.memberId(), new byte[] {1}, bJoined.memberId(), new byte[] {2, 2}));

    assertArrayEquals(new byte[] {1}, aSynced.assignment());
    assertArrayEquals(new byte[] {2, 2}, bSynced.join().assignment());
    assertEquals(GroupState.STABLE, fixture.coordinator.describe(GROUP).state());
    assertNull(classic.heartbeat(GROUP, bJoined.memberId(), null, 2));
    MemberDescription described =
        fixture.coordinator.describe(GROUP).members().stream()
            .filter(m -> m.memberId().equals(bJoined.memberId()))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(new TopicPartition("orders", 2)), described.assignment());
    assertEquals(Set.of("orders"), described.subscription());
  }

  @Test
  void aMemberThatDoesNotRejoinWithinTheRebalanceTimeoutIsRemoved() {
    ClassicJoinResult a = stableAlone();
    CompletableFuture<ClassicJoinResult> b = newMember();
    // a keeps its session (heartbeats) but never rejoins.
    for (int i = 0; i < 4; i++) {
      tick(Duration.ofSeconds(4));
      assertEquals(
          ErrorCode.REBALANCE_IN_PROGRESS, classic.heartbeat(GROUP, a.memberId(), null, 1));
    }
    assertFalse(b.isDone(), "16 s into a 20 s rebalance timeout");

    tick(Duration.ofSeconds(4));

    ClassicJoinResult bJoined = b.join();
    assertEquals(2, bJoined.generation());
    assertEquals(bJoined.memberId(), bJoined.leader(), "the member that rejoined leads");
    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, classic.heartbeat(GROUP, a.memberId(), null, 1));
  }

  @Test
  void aSilentMemberExpiresAfterItsSessionAndTheOthersRebalance() {
    ClassicJoinResult a = stableAlone();
    CompletableFuture<ClassicJoinResult> b = newMember();
    ClassicJoinResult aAgain = now(classic.join(join(a.memberId())));
    ClassicJoinResult bJoined = b.join();
    syncNow(a.memberId(), 2, Map.of());
    syncNow(bJoined.memberId(), 2, Map.of());

    tick(Duration.ofSeconds(4));
    assertNull(classic.heartbeat(GROUP, aAgain.memberId(), null, 2));
    tick(Duration.ofSeconds(3));

    assertEquals(
        ErrorCode.UNKNOWN_MEMBER_ID, classic.heartbeat(GROUP, bJoined.memberId(), null, 2));
    assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, classic.heartbeat(GROUP, a.memberId(), null, 2));
    ClassicJoinResult alone = now(classic.join(join(a.memberId())));
    assertEquals(3, alone.generation());
    assertEquals(1, alone.members().size());
  }

  @Test
  void staleGenerationsAndUnknownMembersAreRefused() {
    ClassicJoinResult a = stableAlone();

    assertEquals(ErrorCode.ILLEGAL_GENERATION, classic.heartbeat(GROUP, a.memberId(), null, 0));
    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, classic.heartbeat(GROUP, "nobody", null, 1));
    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, classic.heartbeat("other", "nobody", null, 1));
    assertEquals(ErrorCode.ILLEGAL_GENERATION, syncNow(a.memberId(), 7, Map.of()).error());
    Map<TopicPartition, OffsetAndMetadata> offset =
        Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(0, "", Instant.EPOCH));
    assertRefused(
        ErrorCode.ILLEGAL_GENERATION, () -> fixture.commits.commit(GROUP, a.memberId(), 0, offset));
    assertRefused(ErrorCode.UNKNOWN_MEMBER_ID, () -> fixture.commits.commit(GROUP, "", -1, offset));
    fixture.commits.commit(GROUP, a.memberId(), 1, offset);
    assertEquals(0, fixture.commits.committed(GROUP).get(new TopicPartition("orders", 0)).offset());
  }

  @Test
  void aCommitWhileTheLeaderHasNotAssignedIsRefusedAsARebalance() {
    ClassicJoinResult a = newMember().join();
    Map<TopicPartition, OffsetAndMetadata> offset =
        Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(0, "", Instant.EPOCH));

    assertRefused(
        ErrorCode.REBALANCE_IN_PROGRESS,
        () -> fixture.commits.commit(GROUP, a.memberId(), 1, offset));
  }

  @Test
  void theProtocolIsOneEveryMemberSupportsAndAMemberWithNoneInCommonIsRefused() {
    ClassicJoinResult first = now(classic.join(join("", null, List.of("range", "roundrobin"))));
    CompletableFuture<ClassicJoinResult> a =
        classic
            .join(join(first.memberId(), null, List.of("range", "roundrobin")))
            .toCompletableFuture();
    syncNow(first.memberId(), a.join().generation(), Map.of());
    ClassicJoinResult second = now(classic.join(join("", null, List.of("roundrobin"))));
    CompletableFuture<ClassicJoinResult> b =
        classic.join(join(second.memberId(), null, List.of("roundrobin"))).toCompletableFuture();
    now(classic.join(join(first.memberId(), null, List.of("range", "roundrobin"))));

    assertEquals("roundrobin", b.join().protocolName());
    assertEquals(
        ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
        now(classic.join(join("", null, List.of("sticky")))).error());
  }

  @Test
  void aGroupIsOfOneKindWhileItHasMembers() {
    stableAlone();
    assertRefused(
        ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
        () ->
            fixture.coordinator.join(
                GROUP, null, "rest", Set.of("orders"), Duration.ofSeconds(10), "range"));

    fixture.coordinator.join(
        "rest-group", null, "rest", Set.of("orders"), Duration.ofSeconds(10), "range");
    ClassicJoin kafka =
        new ClassicJoin(
            "rest-group",
            "",
            null,
            "client",
            "/127.0.0.1",
            SESSION_MS,
            REBALANCE_MS,
            "consumer",
            List.of(new ClassicProtocol("range", new byte[0])),
            Set.of("orders"),
            true);
    assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, now(classic.join(kafka)).error());
  }

  @Test
  void kafkaMembersKeepTheGroupFromBeingDeletedOrReset() {
    stableAlone();
    GroupDeletions deletions = new GroupDeletions(fixture.groups, fixture.offsets, fixture.topics);

    assertRefused(ErrorCode.NON_EMPTY_GROUP, () -> deletions.deleteGroup(GROUP));
    assertRefused(
        ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, () -> deletions.deleteOffsets(GROUP, "orders", null));
  }

  @Test
  void aMemberLeavingWhileItWaitsForItsAssignmentIsAnsweredAtOnce() {
    ClassicJoinResult a = stableAlone();
    CompletableFuture<ClassicJoinResult> b = newMember();
    now(classic.join(join(a.memberId())));
    ClassicJoinResult bJoined = b.join();
    CompletableFuture<ClassicSyncResult> bSynced = sync(bJoined.memberId(), 2, Map.of());
    assertFalse(bSynced.isDone(), "waits for the leader's assignment");

    classic.leave(GROUP, List.of(new ClassicLeave(bJoined.memberId(), null)));

    assertTrue(bSynced.isDone(), "its SyncGroup is answered, not left behind its LeaveGroup");
    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, bSynced.join().error());
  }

  @Test
  void theLastMemberLeavingEmptiesTheGroupAndAnAdminMayThenCommit() {
    ClassicJoinResult a = stableAlone();

    assertEquals(
        java.util.Collections.singletonList(null),
        classic.leave(GROUP, List.of(new ClassicLeave(a.memberId(), null))));

    GroupDescription group = fixture.coordinator.describe(GROUP);
    assertEquals(GroupState.EMPTY, group.state());
    assertEquals(2, group.generation());
    fixture.commits.commit(
        GROUP,
        "",
        -1,
        Map.of(new TopicPartition("orders", 1), new OffsetAndMetadata(0, "", Instant.EPOCH)));
  }

  @Test
  void aRestartedStaticMemberTakesItsPlaceWithoutARebalanceAndTheOldIdIsFenced() {
    ClassicJoinResult a = now(classic.join(join("", "host-1", List.of("range"))));
    assertNull(a.error(), "a static member joins at once");
    syncNow(a.memberId(), 1, Map.of(a.memberId(), new byte[] {7}));

    ClassicJoinResult restarted = now(classic.join(join("", "host-1", List.of("range"))));

    assertEquals(1, restarted.generation(), "no rebalance");
    assertEquals(ErrorCode.FENCED_INSTANCE_ID, classic.heartbeat(GROUP, a.memberId(), "host-1", 1));
    ClassicSyncResult synced =
        classic
            .sync(
                new ClassicSync(
                    GROUP, restarted.memberId(), "host-1", 1, "consumer", "range", Map.of()))
            .toCompletableFuture()
            .join();
    assertArrayEquals(new byte[] {7}, synced.assignment(), "its assignment stays");
  }

  @Test
  void membersThatNeverSyncAreRemovedAfterTheRebalanceTimeout() {
    ClassicJoinResult a = newMember().join();
    assertEquals(GroupState.COMPLETING_REBALANCE, fixture.coordinator.describe(GROUP).state());

    tick(Duration.ofMillis(REBALANCE_MS));

    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, classic.heartbeat(GROUP, a.memberId(), null, 1));
    assertEquals(GroupState.EMPTY, fixture.coordinator.describe(GROUP).state());
  }

  @Test
  void anIdHandedOutForASecondJoinThatNeverComesIsForgotten() {
    ClassicJoinResult first = now(classic.join(join("")));
    tick(Duration.ofMillis(SESSION_MS + 1));

    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, now(classic.join(join(first.memberId()))).error());
  }

  @Test
  void anIdHandedToAKafkaMemberDoesNotStopTributaryMembersFromExpiring() {
    ClassicJoinResult pending = now(classic.join(join("")));
    assertEquals(ErrorCode.MEMBER_ID_REQUIRED, pending.error());
    Assignment rest =
        fixture.coordinator.join(
            GROUP, null, "rest", Set.of("orders"), Duration.ofSeconds(2), "range");

    tick(Duration.ofSeconds(3));

    assertRefused(
        ErrorCode.UNKNOWN_MEMBER_ID, () -> fixture.coordinator.heartbeat(GROUP, rest.memberId()));
    tick(Duration.ofSeconds(4));
    assertEquals(
        ErrorCode.UNKNOWN_MEMBER_ID,
        now(classic.join(join(pending.memberId()))).error(),
        "its id expired too, after the session timeout it asked for");
  }
}
