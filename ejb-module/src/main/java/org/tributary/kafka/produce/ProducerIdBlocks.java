package org.tributary.kafka.produce;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** Claims blocks of producer ids from the database, each in its own short transaction. */
@Stateless
public class ProducerIdBlocks {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  /** Claims {@code size} ids; returns the first. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long claim(int size) {
    ProducerIdBlock block =
        em.find(ProducerIdBlock.class, ProducerIdBlock.NAME, LockModeType.PESSIMISTIC_WRITE);
    if (block == null) {
      em.persist(new ProducerIdBlock(size));
      return 0;
    }
    long first = block.nextId();
    block.nextId(first + size);
    return first;
  }
}
