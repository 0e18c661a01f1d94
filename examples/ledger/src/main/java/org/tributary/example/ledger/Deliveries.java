package org.tributary.example.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tributary.api.ReceivedRecord;

/**
 * Every call of the ledger bean since the app started, in call order, kept in memory (outside the
 * delivery transactions, so rolled-back calls show too): what the example's page and its tests look
 * at to see redeliveries, rollbacks and the order per partition.
 */
@ApplicationScoped
public class Deliveries {

  /** One call: which record, its attempt number, and what the bean did. */
  public record Call(String topic, int partition, long offset, int attempt, String outcome) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  /** Counts a call of {@code record}; answers its attempt number, from 1. */
  int attempt(ReceivedRecord record) {
    return attempts.merge(
        record.topic() + "-" + record.partition() + "@" + record.offset(), 1, Integer::sum);
  }

  void log(ReceivedRecord record, int attempt, String outcome) {
    calls.add(new Call(record.topic(), record.partition(), record.offset(), attempt, outcome));
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }
}
