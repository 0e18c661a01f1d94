package org.tributary.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class WriterEpochTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final WriterEpoch epoch = new WriterEpoch(now::get);

  @Test
  void refusesWritesUntilTheLeaseIsHeld() {
    assertFalse(epoch.isHeld());
    TributaryException refused = assertThrows(TributaryException.class, epoch::require);
    assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, refused.code());

    epoch.hold(7, 2_000);

    assertTrue(epoch.isHeld());
    assertEquals(7, epoch.require());
  }

  @Test
  void refusesWritesOnceTheLeaseRanOutLocallyUntilItIsRenewed() {
    epoch.hold(7, 2_000);
    now.set(2_001);
    assertFalse(epoch.isHeld(), "not renewed in time: another server may hold it now");
    assertThrows(TributaryException.class, epoch::require);

    epoch.extend(3_000);

    assertEquals(7, epoch.require());
  }

  @Test
  void refusesWritesOnceDropped() {
    epoch.hold(7, 2_000);
    epoch.drop();
    assertTrue(epoch.notHeld());
    assertThrows(TributaryException.class, epoch::require);
  }
}
