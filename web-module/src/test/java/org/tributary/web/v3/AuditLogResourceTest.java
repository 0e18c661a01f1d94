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
  void aTimeIsFromYearZeroToNineThousandNineHundredNinetyNine() {
    assertEquals(
        Instant.parse("9999-12-31T23:59:59.999Z"),
        AuditLogResource.instant("until", "9999-12-31T23:59:59.999Z"));
    assertEquals(
        Instant.parse("0000-01-01T00:00:00Z"),
        AuditLogResource.instant("since", "0000-01-01T00:00:00Z"));
    TributaryException refused =
        assertThrows(
            TributaryException.class,
            () -> AuditLogResource.instant("since", "+300000000-01-01T00:00:00Z"));
    assertEquals(ErrorCode.INVALID_FILTER, refused.code());
    assertEquals(
        "'since' must be a time from year 0000 to 9999, not '+300000000-01-01T00:00:00Z'.",
        refused.getMessage());
    assertThrows(
        TributaryException.class, () -> AuditLogResource.instant("since", "-0001-12-31T00:00:00Z"));
    assertThrows(
        TributaryException.class, () -> AuditLogResource.instant("until", "253402300800000"));
  }

  @Test
  void aPageHoldsOneToAThousandEntries() {
    assertEquals(100, AuditLogResource.pageSize(null));
    assertEquals(1, AuditLogResource.pageSize("1"));
    assertEquals(1000, AuditLogResource.pageSize("1000"));
    for (String refusedSize : new String[] {"0", "1001", "ten"}) {
      TributaryException refused =
          assertThrows(TributaryException.class, () -> AuditLogResource.pageSize(refusedSize));
      assertEquals(ErrorCode.INVALID_FILTER, refused.code());
    }
  }
}
