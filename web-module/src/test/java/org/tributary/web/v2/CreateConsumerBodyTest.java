package org.tributary.web.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.web.error.RequestRefusedException;

class CreateConsumerBodyTest {

  private static CreateConsumerBody parse(String body) {
    return CreateConsumerBody.parse(body, 1000, 300000);
  }

  @Test
  void anEmptyBodyTakesRestProxysDefaultsAndTheServersTimeouts() {
    CreateConsumerBody created = parse("");
    assertTrue(created.name().startsWith("rest-consumer-"), created.name());
    assertEquals(EmbeddedFormat.BINARY, created.format());
    assertEquals(OffsetResetStrategy.LATEST, created.autoOffsetReset());
    assertFalse(created.autoCommit());
    assertEquals(1, created.fetchMinBytes());
    assertEquals(Duration.ofSeconds(1), created.requestTimeout());
    assertEquals(Duration.ofMinutes(5), created.instanceTimeout());
  }

  @Test
  void settingsMayBeStringsNumbersOrBooleansAndTheOlderIdNamesTheInstance() {
    CreateConsumerBody created =
        parse(
            "{\"id\":\"c-1\",\"format\":\"JSON\",\"auto.offset.reset\":\"smallest\","
                + "\"auto.commit.enable\":true,\"fetch.min.bytes\":\"-1\","
                + "\"consumer.request.timeout.ms\":0,\"consumer.instance.timeout.ms\":\"1000\"}");
    assertEquals("c-1", created.name());
    assertEquals(EmbeddedFormat.JSON, created.format());
    assertEquals(OffsetResetStrategy.EARLIEST, created.autoOffsetReset());
    assertTrue(created.autoCommit());
    assertEquals(1, created.fetchMinBytes(), "-1 (no minimum) is at least one byte");
    assertEquals(Duration.ZERO, created.requestTimeout());
    assertEquals(Duration.ofSeconds(1), created.instanceTimeout());
  }

  @Test
  void aNameThatCannotBePartOfAUrlIsRefused() {
    RequestRefusedException refused =
        assertThrows(RequestRefusedException.class, () -> parse("{\"name\":\"a/b\"}"));
    assertEquals(42204, refused.errorCode());
  }

  @Test
  void aSettingOutOfItsRangeIsRefusedWithTheRange() {
    RequestRefusedException refused =
        assertThrows(
            RequestRefusedException.class, () -> parse("{\"consumer.instance.timeout.ms\":999}"));
    assertEquals(422, refused.status());
    assertEquals(
        "Invalid consumer configuration: consumer.instance.timeout.ms must be a whole number"
            + " from 1000 to 1800000, was '999'.",
        refused.getMessage());
    assertEquals(
        42204,
        assertThrows(RequestRefusedException.class, () -> parse("{\"auto.commit.enable\":\"yes\"}"))
            .errorCode());
  }
}
