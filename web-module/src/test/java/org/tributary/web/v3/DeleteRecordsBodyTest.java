package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;

class DeleteRecordsBodyTest {

  private static String refusal(String body) {
    return assertThrows(RequestRefusedException.class, () -> DeleteRecordsBody.parse(body))
        .getMessage();
  }

  @Test
  void readsTheOffsetOfEachPartitionInTheOrderListed() {
    Map<Integer, Long> offsets =
        DeleteRecordsBody.parse(
                "{\"partitions\":[{\"partition_id\":2,\"offset\":42},"
                    + "{\"partition_id\":0,\"offset\":-1}]}")
            .beforeOffsets();

    assertEquals(Map.of(2, 42L, 0, -1L), offsets);
    assertEquals(List.of(2, 0), List.copyOf(offsets.keySet()));
  }

  @Test
  void aMissingOrEmptyPartitionListIsRefusedByName() {
    assertEquals("'partitions' is required.", refusal("{}"));
    assertEquals(
        "'partitions' must list at least one {\"partition_id\": 0, \"offset\": 42}.",
        refusal("{\"partitions\":[]}"));
  }

  @Test
  void aPartitionListedTwiceIsRefused() {
    assertEquals(
        "'partitions[1].partition_id' names partition 0 a second time; list each partition once.",
        refusal(
            "{\"partitions\":[{\"partition_id\":0,\"offset\":1},"
                + "{\"partition_id\":0,\"offset\":2}]}"));
  }

  @Test
  void eachFieldIsRequiredAndTyped() {
    assertEquals(
        "'partitions[0].offset' is required.", refusal("{\"partitions\":[{\"partition_id\":0}]}"));
    assertEquals(
        "'partitions[0].partition_id' must be a whole number.",
        refusal("{\"partitions\":[{\"partition_id\":\"zero\",\"offset\":1}]}"));
    assertEquals(
        "'partitions[0].offset' must be a whole number.",
        refusal("{\"partitions\":[{\"partition_id\":0,\"offset\":1.5}]}"));
    assertEquals("partitions[0] must be a JSON object.", refusal("{\"partitions\":[0]}"));
  }
}
