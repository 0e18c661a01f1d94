package org.tributary.lease;

import java.time.Instant;

/** The outcome of a claim: the new epoch, or who holds the lease and until when. */
public record LeaseClaim(boolean granted, long epoch, String holder, Instant holderExpiresAt) {

  static LeaseClaim granted(long epoch) {
    return new LeaseClaim(true, epoch, null, null);
  }

  static LeaseClaim refused(String holder, long epoch, Instant expiresAt) {
    return new LeaseClaim(false, epoch, holder, expiresAt);
  }
}
