package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.TopicPartition;

class ConsumerGroupsTest {

  private static final Set<TopicPartition> PARTITION = Set.of(new TopicPartition("orders", 0));

  private final GroupFakes.Nanos nanos = new GroupFakes.Nanos();
  private final ConsumerGroups groups = new ConsumerGroups(nanos);

  private ConsumerGroup group(String groupId) {
    return groups.inGroup(groupId, group -> group);
  }

  @Test
  void inGroupMakesAGroupOnceAndFindsItAfterwards() {
    ConsumerGroup made = group("billing");
    assertSame(made, group("billing"));
    assertSame(made, groups.find("billing"));
    assertEquals(1, groups.size());
  }

  @Test
  void aGroupNotInMemoryIsNotFoundByInExistingGroup() {
    assertRefused(
        ErrorCode.GROUP_ID_NOT_FOUND, () -> groups.inExistingGroup("billing", group -> group));
    assertEquals(0, groups.size(), "looking did not make the group");
  }

  @Test
  void anEvictedGroupIsNeverHandedOutAgain() {
    ConsumerGroup evicted = group("billing");
    groups.evictIfIdle("billing", Duration.ZERO);

    assertTrue(evicted.evicted());
    assertNull(groups.find("billing"));
    assertNotSame(evicted, group("billing"), "a later call makes the group anew");
  }

  @Test
  void aGroupStaysWhileAWriteIsInFlightAndForTheGraceAfterIt() {
    ConsumerGroup group = group("billing");
    groups.inGroup(
        "billing",
        found -> {
          found.beginCommit(null, -1, PARTITION);
          return null;
        });
    nanos.advance(Duration.ofMinutes(5));
    groups.evictIdle(Duration.ofMinutes(1));
    assertSame(group, groups.find("billing"), "a write in flight keeps the group");

    groups.endWrite(group, PARTITION);
    nanos.advance(Duration.ofSeconds(59));
    groups.evictIdle(Duration.ofMinutes(1));
    assertSame(group, groups.find("billing"), "idle since the write ended, not since it began");

    nanos.advance(Duration.ofSeconds(1));
    groups.evictIdle(Duration.ofMinutes(1));
    assertNull(groups.find("billing"));
  }
}
