package org.tributary.lease;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.sql.Timestamp;

/**
 * Who may write something, for how long: a named lease row with an owner, an epoch that only grows
 * (one more at every claim) and an expiry in database time. Today one lease, {@link
 * WriterLease#NAME}, covers every partition of the database; a cluster would keep one per
 * partition.
 */
@Entity
@Table(name = "tributary_lease")
@NamedQuery(
    name = Lease.DATABASE_TIME,
    query = "SELECT CURRENT_TIMESTAMP FROM Lease l WHERE l.name = :name")
@NamedQuery(
    name = Lease.RENEW,
    query =
        "UPDATE Lease l SET l.expiresAt = :expiresAt"
            + " WHERE l.name = :name AND l.owner = :owner AND l.epoch = :epoch")
public class Lease {

  static final String DATABASE_TIME = "Lease.databaseTime";
  static final String RENEW = "Lease.renew";

  @Id
  @Column(name = "name", length = 200)
  private String name;

  @Column(name = "owner_id", length = 200)
  private String owner;

  @Column(name = "epoch", nullable = false)
  private long epoch;

  @Column(name = "expires_at", nullable = false)
  private Timestamp expiresAt;

  protected Lease() {}

  Lease(String name, Timestamp expiresAt) {
    this.name = name;
    this.expiresAt = expiresAt;
  }

  String owner() {
    return owner;
  }

  long epoch() {
    return epoch;
  }

  Timestamp expiresAt() {
    return expiresAt;
  }

  boolean heldByAnotherAt(String claimant, Timestamp now) {
    return owner != null && !owner.equals(claimant) && expiresAt.after(now);
  }

  /** The claimant's turn: a new epoch, so that every write of an earlier holder is fenced off. */
  long claim(String claimant, Timestamp expiry) {
    owner = claimant;
    epoch++;
    expiresAt = expiry;
    return epoch;
  }
}
