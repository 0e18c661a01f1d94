package org.tributary.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;

class AuditFilterTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-12-02T00:00:00Z");

  @Test
  void noFilterListsEverythingNewestFirst() {
    AuditFilter.Query query = AuditFilter.ALL.query(null);
    assertEquals("SELECT e FROM AuditEntry e ORDER BY e.id DESC", query.jpql());
    assertEquals(Map.of(), query.parameters());
  }

  @Test
  void everyFilterIsOneConditionAndThePageTokenContinuesBelowTheLastId() {
    AuditFilter filter =
        new AuditFilter(AuditAction.matching("user"), "alice", "orders", "billing", T0, T1);

    AuditFilter.Query query = filter.query(42L);

    assertEquals(
        "SELECT e FROM AuditEntry e WHERE e.action IN :actions AND e.actor = :actor AND e.topic"
            + " = :topic AND e.groupId = :group AND e.at >= :since AND e.at < :until AND e.id <"
            + " :below ORDER BY e.id DESC",
        query.jpql());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("actions", List.of("user.create", "user.delete", "user.password", "user.roles"));
    expected.put("actor", "alice");
    expected.put("topic", "orders");
    expected.put("group", "billing");
    expected.put("since", T0.toEpochMilli());
    expected.put("until", T1.toEpochMilli());
    expected.put("below", 42L);
    assertEquals(expected, query.parameters());
  }

  @Test
  void blankValuesFilterNothing() {
    AuditFilter filter = new AuditFilter(Set.of(), " ", "", null, null, null);
    assertEquals("SELECT e FROM AuditEntry e ORDER BY e.id DESC", filter.query(null).jpql());
  }

  @Test
  void anEmptyTimeRangeIsRefused() {
    assertRefused(ErrorCode.INVALID_FILTER, () -> new AuditFilter(null, null, null, null, T1, T0));
    assertRefused(ErrorCode.INVALID_FILTER, () -> new AuditFilter(null, null, null, null, T0, T0));
  }

  @Test
  void aTimeBeyondEpochMillisecondsIsRefusedNotOverflowed() {
    Instant far = Instant.parse("+300000000-01-01T00:00:00Z");
    assertRefused(
        ErrorCode.INVALID_FILTER, () -> new AuditFilter(null, null, null, null, far, null));
    assertRefused(
        ErrorCode.INVALID_FILTER, () -> new AuditFilter(null, null, null, null, null, far));
    Instant last = Instant.ofEpochMilli(Long.MAX_VALUE);
    assertEquals(
        Long.MAX_VALUE,
        new AuditFilter(null, null, null, null, last, null).query(null).parameters().get("since"));
  }

  @Test
  void aKindIsALabelOrAFamily() {
    assertEquals(Set.of(AuditAction.TOPIC_CONFIG), AuditAction.matching("topic.config"));
    assertEquals(
        Set.of(AuditAction.OFFSETS_RESET, AuditAction.OFFSETS_RESET_UNDO),
        AuditAction.matching(" Offsets "));
    assertEquals(
        Set.of(AuditAction.OFFSETS_RESET_UNDO), AuditAction.matching("offsets.reset.undo"));
  }

  @Test
  void anUnknownKindIsRefusedWithTheKindsThereAre() {
    var refused = assertRefused(ErrorCode.INVALID_FILTER, () -> AuditAction.matching("topics"));
    assertEquals(
        "Unknown audit kind 'topics': use one of topic.create, topic.delete, topic.config,"
            + " topic.partitions, records.delete, offsets.reset, offsets.reset.undo, group.delete,"
            + " group.offsets.delete, dlt.redrive, user.create, user.delete, user.roles,"
            + " user.password, or a family (topic, records, offsets, group, dlt, user).",
        refused.getMessage());
  }

  @Test
  void aPageTokenIsAnIdTheServerGave() {
    assertNull(AuditFilter.belowId(null));
    assertNull(AuditFilter.belowId(""));
    assertEquals(17L, AuditFilter.belowId("17"));
    assertRefused(ErrorCode.INVALID_FILTER, () -> AuditFilter.belowId("abc"));
    assertRefused(ErrorCode.INVALID_FILTER, () -> AuditFilter.belowId("0"));
    assertRefused(ErrorCode.INVALID_FILTER, () -> AuditFilter.belowId("-3"));
  }
}
