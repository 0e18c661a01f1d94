package org.tributary.group;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import java.util.logging.Logger;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * An offset commit inside the caller's transaction is written when that transaction commits; a
 * rebalance in between may have given the partitions away. Checked again just before, the
 * transaction is rolled back (the app's work and sends with it) if the member was fenced. The
 * partitions stay marked in flight until the transaction has ended, either way.
 */
final class FenceAtCommit implements Synchronization {

  private static final Logger LOG = Logger.getLogger(FenceAtCommit.class.getName());

  private final ConsumerGroups groups;
  private final ConsumerGroup group;
  private final String memberId;
  private final int generation;
  private final Set<TopicPartition> partitions;
  private final TransactionSynchronizationRegistry transactions;

  FenceAtCommit(
      ConsumerGroups groups,
      ConsumerGroup group,
      String memberId,
      int generation,
      Set<TopicPartition> partitions,
      TransactionSynchronizationRegistry transactions) {
    this.groups = groups;
    this.group = group;
    this.memberId = memberId;
    this.generation = generation;
    this.partitions = partitions;
    this.transactions = transactions;
  }

  @Override
  public void beforeCompletion() {
    synchronized (group) {
      try {
        group.checkCommit(memberId, generation, partitions);
      } catch (TributaryException fenced) {
        LOG.info(() -> "Rolling back a transaction whose offset commit was fenced: " + fenced);
        transactions.setRollbackOnly();
      }
    }
  }

  @Override
  public void afterCompletion(int status) {
    groups.endWrite(group, partitions);
  }
}
