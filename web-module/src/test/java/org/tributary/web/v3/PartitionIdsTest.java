package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;

class PartitionIdsTest {

  @Test
  void aPartitionIdIsAWholeNumber() {
    assertEquals(0, PartitionIds.parse("orders", "0"));
    assertEquals(-1, PartitionIds.parse("orders", "-1")); // refused later as unknown
  }

  @Test
  void anythingElseIsPartitionNotFound() {
    for (String id : new String[] {"abc", "", "1.5", "99999999999"}) {
      RequestRefusedException refused =
          assertThrows(RequestRefusedException.class, () -> PartitionIds.parse("orders", id));
      assertEquals(404, refused.status());
      assertEquals(40402, refused.errorCode());
    }
    assertEquals(
        "Partition 'abc' of topic 'orders' not found: ids are numbers.",
        assertThrows(RequestRefusedException.class, () -> PartitionIds.parse("orders", "abc"))
            .getMessage());
  }
}
