package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class AuditLogResourceTest {

  @Test
  void aTimeIsAnIsoInstantOrEpochMilliseconds() {
    assertNull(AuditLogResource.instant("since", null));
    assertNull(AuditLogResource.instant("since", " "));
    assertEquals(
        Instant.parse("2026-12-07T06:00:00Z"),
        AuditLogResource.instant("since", "2026-12-07T06:00:00Z"));
    assertEquals(Instant.ofEpochMilli(1234), AuditLogResource.instant("until", "1234"));
  }

  @Test
  void anythingElseIsRefusedNamingTheParameter() {
    TributaryException refused =
        assertThrows(
            TributaryException.class, () -> AuditLogResource.instant("since", "yesterday"));
    assertEquals(ErrorCode.INVALID_FILTER, refused.code());
    assertEquals(
        "'since' must be an ISO-8601 instant such as 2026-12-07T06:00:00Z or epoch milliseconds,"
            + " not 'yesterday'.",
        refused.getMessage());
    assertThrows(
        TributaryException.class,
        () -> AuditLogResource.instant("until", "99999999999999999999999"));
  }

  @Test
  void aPageHoldsOneToAThousandEntries() {
    assertEquals(100, AuditLogResource.pageSize(null));
    assertEquals(1, AuditLogResource.pageSize("1"));
    assertEquals(1000, AuditLogResource.pageSize("1000"));
    assertThrows(TributaryException.class, () -> AuditLogResource.pageSize("0"));
    assertThrows(TributaryException.class, () -> AuditLogResource.pageSize("1001"));
    assertThrows(TributaryException.class, () -> AuditLogResource.pageSize("ten"));
  }
}
