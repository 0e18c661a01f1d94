package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OffsetMapTest {

  private static ByteBuffer key(String key) {
    return ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRecordIsLatestUnlessItsKeyWasWrittenLater() {
    OffsetMap map = new OffsetMap(1 << 20);
    map.put(key("a"), 5);
    map.put(key("a"), 9);
    assertFalse(map.isLatest(key("a"), 5));
    assertTrue(map.isLatest(key("a"), 9));
    assertTrue(map.isLatest(key("b"), 1));
    assertEquals(1, map.size());
  }

  @Test
  void itIsFullOnceItsEstimatedMemoryReachesTheCapacity() {
    OffsetMap map = new OffsetMap(400);
    for (int i = 0; i < 3; i++) {
      map.put(key("k" + i), i);
    }
    assertFalse(map.isFull());
    map.put(key("k0"), 7);
    assertFalse(map.isFull(), "an updated key takes no more room");
    map.put(key("k3"), 3);
    map.put(key("k4"), 4);
    assertTrue(map.isFull());
  }

  @Test
  void keysAreCopiedSoTheMapDoesNotHoldTheirBatches() {
    byte[] batchBytes = "xxkeyxx".getBytes(StandardCharsets.UTF_8);
    OffsetMap map = new OffsetMap(1 << 20);
    map.put(ByteBuffer.wrap(batchBytes, 2, 3), 1);
    batchBytes[2] = 'K';
    assertFalse(map.isLatest(key("key"), 0));
  }
}
