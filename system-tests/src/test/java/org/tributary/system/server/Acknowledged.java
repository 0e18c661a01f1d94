package org.tributary.system.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A record a producer was told is stored: where, and its value (unique within a test). */
public record Acknowledged(int partition, long offset, String value) {

  /**
   * Every acknowledged record is stored at its offset ({@code stored}: partition → offset → value).
   */
  public static void assertStoredAt(
      Map<Integer, Map<Long, String>> stored, Collection<Acknowledged> acks) {
    for (Acknowledged ack : acks) {
      Map<Long, String> partition = stored.get(ack.partition());
      assertNotNull(partition, "partition " + ack.partition() + " has stored records");
      assertEquals(ack.value(), partition.get(ack.offset()), "acknowledged record at " + ack);
    }
  }

  /**
   * {@link #assertStoredAt}, each value stored once, and nothing stored that was not acknowledged.
   */
  public static void assertStoredOnce(
      Map<Integer, Map<Long, String>> stored, Collection<Acknowledged> acks) {
    assertStoredAt(stored, acks);
    Map<String, Long> copies = new HashMap<>();
    stored
        .values()
        .forEach(records -> records.values().forEach(v -> copies.merge(v, 1L, Long::sum)));
    copies.forEach(
        (value, count) -> assertEquals(1L, count, value + " stored " + count + " times"));
    assertEquals(acks.size(), copies.size(), "exactly the acknowledged records are stored");
  }
}
