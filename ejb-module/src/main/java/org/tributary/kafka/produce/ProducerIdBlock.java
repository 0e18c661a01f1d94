package org.tributary.kafka.produce;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The next free block of producer ids (Kafka's {@code ProducerIdManager} takes blocks from the
 * controller the same way): one row, moved forward in its own transaction, so ids stay unique
 * across restarts and across servers that take over the database.
 */
@Entity
@Table(name = "tributary_producer_id_block")
public class ProducerIdBlock {

  static final String NAME = "producer-ids";

  @Id
  @Column(name = "name", length = 64)
  private String name;

  @Column(name = "next_id", nullable = false)
  private long nextId;

  protected ProducerIdBlock() {}

  ProducerIdBlock(long nextId) {
    this.name = NAME;
    this.nextId = nextId;
  }

  long nextId() {
    return nextId;
  }

  void nextId(long next) {
    nextId = next;
  }
}
