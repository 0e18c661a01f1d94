package org.tributary.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateWindowTest {

  private static final long START = 1_795_600_000_000L;

  @Test
  void rateIsWhatTheLastMinuteHoldsPerSecond() {
    RateWindow window = new RateWindow();
    window.add(START, 60, 6_000);
    window.add(START + 30_000, 60, 6_000);

    assertEquals(2.0, window.recordsPerSecond(START + 30_000), 1e-9);
    assertEquals(200.0, window.bytesPerSecond(START + 30_000), 1e-9);
  }

  @Test
  void stepsOlderThanAMinuteLeaveTheWindow() {
    RateWindow window = new RateWindow();
    window.add(START, 60, 60);
    window.add(START + 50_000, 120, 120);

    assertEquals(3.0, window.recordsPerSecond(START + 50_000), 1e-9);
    assertEquals(2.0, window.recordsPerSecond(START + 60_000), 1e-9);
    assertEquals(0.0, window.recordsPerSecond(START + 115_000), 1e-9);
  }

  @Test
  void aReusedBucketStartsFromZero() {
    RateWindow window = new RateWindow();
    window.add(START, 600, 600);
    // Same bucket, twelve steps later.
    window.add(START + 60_000, 6, 6);

    assertEquals(0.1, window.recordsPerSecond(START + 60_000), 1e-9);
  }

  @Test
  void anIdleWindowReadsZero() {
    RateWindow window = new RateWindow();

    assertEquals(0.0, window.recordsPerSecond(START), 1e-9);
    assertEquals(0.0, window.bytesPerSecond(START), 1e-9);
  }
}
