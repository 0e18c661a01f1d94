package org.tributary.web.sse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventBufferTest {

  private Instant now = Instant.parse("2026-12-07T05:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void producersStopAtTheSoftLimitAndGoOnOnceItDrains() {
    EventBuffer buffer = new EventBuffer(10, clock);
    buffer.add(new byte[6]);
    assertTrue(buffer.hasRoom());
    buffer.add(new byte[6]);
    assertFalse(buffer.hasRoom(), "12 of 10 bytes");
    assertEquals(12, buffer.bytes());
    buffer.take();
    assertTrue(buffer.hasRoom());
    assertEquals(6, buffer.bytes());
  }

  @Test
  void eventsLeaveInTheOrderTheyCame() {
    EventBuffer buffer = new EventBuffer(100, clock);
    buffer.add(new byte[] {1});
    buffer.add(new byte[] {2});
    assertArrayEquals(new byte[] {1}, buffer.take());
    assertArrayEquals(new byte[] {2}, buffer.take());
    assertNull(buffer.take());
    assertTrue(buffer.isEmpty());
  }

  @Test
  void aBufferIsStalledOnlyWhileEventsWaitWithoutTheConnectionTakingAny() {
    EventBuffer buffer = new EventBuffer(100, clock);
    now = now.plus(Duration.ofMinutes(5));
    assertEquals(0, buffer.stalledForMillis(), "an empty buffer never stalls");
    buffer.add(new byte[1]);
    buffer.add(new byte[1]);
    now = now.plusMillis(3000);
    assertEquals(3000, buffer.stalledForMillis(), "waiting since the first event came");
    buffer.take();
    assertEquals(0, buffer.stalledForMillis(), "the connection took one");
    now = now.plusMillis(700);
    assertEquals(700, buffer.stalledForMillis());
    buffer.take();
    assertEquals(0, buffer.stalledForMillis());
  }

  @Test
  void clearingDropsEverythingPending() {
    EventBuffer buffer = new EventBuffer(4, clock);
    buffer.add(new byte[8]);
    buffer.clear();
    assertTrue(buffer.isEmpty());
    assertTrue(buffer.hasRoom());
    assertEquals(0, buffer.bytes());
  }
}
