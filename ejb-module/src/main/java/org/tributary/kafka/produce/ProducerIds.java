package org.tributary.kafka.produce;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands out producer ids for InitProducerId from blocks claimed in the database: a fresh id per
 * idempotent producer, never one handed out before, even after a restart (ids of a block not used
 * up before a restart are skipped).
 */
@ApplicationScoped
public class ProducerIds {

  static final int BLOCK_SIZE = 1000;

  @Inject ProducerIdBlocks blocks;

  private long next;
  private long end;

  public synchronized long next() {
    if (next == end) {
      next = blocks.claim(BLOCK_SIZE);
      end = next + BLOCK_SIZE;
    }
    return next++;
  }
}
