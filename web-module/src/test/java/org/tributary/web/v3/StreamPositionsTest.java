package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;

class StreamPositionsTest {

  @Test
  void anEventIdIsEveryPartitionsNextOffsetAfterIt() {
    StreamPositions positions = new StreamPositions(Map.of(2, 0L, 0, 40L, 1, 17L));
    positions.advance(0, 43);

    assertEquals("0:43,1:17,2:0", positions.eventId());
    assertEquals(Map.of(0, 43L, 1, 17L, 2, 0L), StreamPositions.parse(positions.eventId()));
  }

  @Test
  void oneIdOfAOnePartitionTopicIsItsNextOffset() {
    assertEquals(Map.of(0, 43L), StreamPositions.parse("0:43"));
    assertEquals(Map.of(7, Long.MAX_VALUE), StreamPositions.parse("7:" + Long.MAX_VALUE));
  }

  @Test
  void anythingButTheIdsTheStreamSendsIsRefused() {
    for (String bad :
        new String[] {
          "yesterday",
          "",
          "0",
          "0:",
          ":4",
          "0:4,",
          ",0:4",
          "0:4,,1:2",
          "0:4;1:2",
          "0:-4",
          "-1:4",
          "+1:4",
          "0: 4",
          "0:4:5",
          "0:4,0:5",
          "0:99999999999999999999",
          "99999999999:1"
        }) {
      RequestRefusedException refused =
          assertThrows(RequestRefusedException.class, () -> StreamPositions.parse(bad), bad);
      assertEquals(422, refused.status(), bad);
      assertEquals(42200, refused.errorCode(), bad);
      assertTrue(refused.getMessage().contains("0:43,1:17"), refused::getMessage);
    }
  }

  @Test
  void aLongBadIdIsShownCut() {
    String bad = "x".repeat(10_000);
    RequestRefusedException refused =
        assertThrows(RequestRefusedException.class, () -> StreamPositions.parse(bad));
    assertTrue(refused.getMessage().length() < 500, refused::getMessage);
  }
}
