package org.tributary.redrive;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditSubject;
import org.tributary.audit.AuditTrail;
import org.tributary.errors.TributaryException;
import org.tributary.log.PartitionLogs;
import org.tributary.log.Record;
import org.tributary.log.RecordMetadata;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Sends records of a dead-letter topic back to the topic named in their {@code tributary.dlt.topic}
 * header, each at most once: the send and the row remembering it are written in one transaction (a
 * transactional append), so a crash leaves both or neither, and a second redrive of the same
 * record, at the same time or later, finds the row and sends nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeadLetterRedrive {

  /** The header a redrive reads its target from: it marks a record as a dead letter. */
  public static final String TOPIC_HEADER = DeadLetter.TOPIC_HEADER;

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject PartitionLogs logs;
  @Inject TopicCatalog topics;
  @Inject AuditTrail trail;
  @Resource SessionContext context;

  /** Redrives one record, in its own transaction; a refusal is a skipped result, never thrown. */
  public RedriveResult redrive(String deadLetterTopic, int partition, long offset, String by) {
    Optional<TopicMetadata> dlt = topics.find(deadLetterTopic);
    if (dlt.isEmpty() || !dlt.get().hasPartition(partition)) {
      return skip(deadLetterTopic, partition, offset, "the dead-letter topic no longer exists");
    }
    RedrivenRecord.Key key = new RedrivenRecord.Key(dlt.get().id(), partition, offset);
    RedrivenRecord earlier = em.find(RedrivenRecord.class, key);
    if (earlier != null) {
      return skip(deadLetterTopic, partition, offset, earlier.alreadyRedriven());
    }
    Optional<Record> record = read(deadLetterTopic, partition, offset);
    if (record.isEmpty()) {
      return skip(deadLetterTopic, partition, offset, "the record is no longer in the log");
    }
    DeadLetter letter = new DeadLetter(record.get());
    Optional<String> target = letter.originalTopic();
    if (target.isEmpty()) {
      return skip(
          deadLetterTopic,
          partition,
          offset,
          "no " + DeadLetter.TOPIC_HEADER + " header: the record does not say where it came from");
    }
    if (topics.find(target.get()).isEmpty()) {
      return skip(
          deadLetterTopic, partition, offset, "its topic '" + target.get() + "' no longer exists");
    }
    try {
      RecordMetadata written =
          logs.appendInTransaction(target.get(), List.of(letter.redriven())).get(0);
      RedriveResult sent =
          RedriveResult.sent(
              deadLetterTopic,
              partition,
              offset,
              target.get(),
              written.partition(),
              written.offset());
      em.persist(
          new RedrivenRecord(
              dlt.get().id(), deadLetterTopic, partition, offset, sent, by, Instant.now()));
      em.flush();
      trail.record(
          AuditAction.DLT_REDRIVE,
          AuditSubject.topic(target.get()),
          Map.of("topic", deadLetterTopic, "partition", partition, "offset", offset),
          Map.of("partition", written.partition(), "offset", written.offset()));
      return sent;
    } catch (TributaryException refused) {
      context.setRollbackOnly();
      return skip(deadLetterTopic, partition, offset, "not sent: " + refused.getMessage());
    } catch (PersistenceException duplicate) {
      context.setRollbackOnly(); // the send rolls back with the row
      return skip(deadLetterTopic, partition, offset, "already redriven (at the same time)");
    }
  }

  private Optional<Record> read(String topic, int partition, long offset) {
    try {
      return logs.read(topic, partition, offset, 1).records().stream()
          .filter(r -> r.offset() == offset)
          .findFirst();
    } catch (TributaryException outOfRange) {
      return Optional.empty();
    }
  }

  private static RedriveResult skip(String topic, int partition, long offset, String reason) {
    return RedriveResult.skipped(topic, partition, offset, reason);
  }
}
