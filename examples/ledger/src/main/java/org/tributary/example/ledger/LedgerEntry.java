package org.tributary.example.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.tributary.api.ReceivedRecord;

/** A payment booked from a record, in the app's own table; it names the record it came from. */
@Entity
@Table(name = "ledger_entry")
@NamedQuery(
    name = "LedgerEntry.all",
    query = "select e from LedgerEntry e order by e.topic, e.partitionNumber, e.recordOffset")
public class LedgerEntry {

  @Id private String id;
  private String topic;

  @Column(name = "partition_number")
  private int partitionNumber;

  @Column(name = "record_offset")
  private long recordOffset;

  private String account;
  private BigDecimal amount;

  protected LedgerEntry() {}

  LedgerEntry(ReceivedRecord record, BigDecimal amount) {
    this.id = UUID.randomUUID().toString();
    this.topic = record.topic();
    this.partitionNumber = record.partition();
    this.recordOffset = record.offset();
    this.account = record.key() == null ? "" : record.key(String.class);
    this.amount = amount;
  }

  /** What {@code GET /entries} shows of an entry. */
  public record View(String topic, int partition, long offset, String account, String amount) {}

  View view() {
    return new View(topic, partitionNumber, recordOffset, account, amount.toPlainString());
  }
}
