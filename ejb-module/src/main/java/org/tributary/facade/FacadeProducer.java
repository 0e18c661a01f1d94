package org.tributary.facade;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.tributary.api.Header;
import org.tributary.api.RecordMetadata;
import org.tributary.api.Serializers;
import org.tributary.api.TributaryProducer;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.clients.ClientKind;
import org.tributary.log.LogAppender;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;

/**
 * Sends through the core's partition logs: inside an active JTA transaction as part of it,
 * otherwise through the group-commit writer, acknowledged once durable.
 */
final class FacadeProducer implements TributaryProducer {

  private final PartitionLogs logs;
  private final LogAppender appender;
  private final TransactionSynchronizationRegistry transactions;
  private final ClientActivity clients;
  private volatile ClientIdentity identity;

  FacadeProducer(
      PartitionLogs logs, TransactionSynchronizationRegistry transactions, ClientActivity clients) {
    this.logs = logs;
    this.appender = logs.appender();
    this.transactions = transactions;
    this.clients = clients;
  }

  @Override
  public RecordMetadata send(String topic, Object key, Object value) {
    return send(topic, key, value, List.of());
  }

  @Override
  public RecordMetadata send(String topic, Object key, Object value, List<Header> headers) {
    return ClientErrors.translated(
        () -> sendAsync(topic, key, value, headers).toCompletableFuture().join());
  }

  @Override
  public CompletionStage<RecordMetadata> sendAsync(String topic, Object key, Object value) {
    return sendAsync(topic, key, value, List.of());
  }

  @Override
  public CompletionStage<RecordMetadata> sendAsync(
      String topic, Object key, Object value, List<Header> headers) {
    NewRecord record = ClientErrors.translated(() -> record(key, value, headers));
    ClientIdentity who = identity();
    // Any transaction, active or already doomed, decides the record's fate: never publish past it.
    if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
      RecordMetadata appended =
          ClientErrors.translated(
              () -> metadata(logs.appendInTransaction(topic, List.of(record)).get(0)));
      // Counted once in the caller's transaction, whether or not that commits later.
      clients.produced(who, topic, 1, record.keyAndValueSize());
      return CompletableFuture.completedFuture(appended);
    }
    CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
    ClientErrors.translated(() -> appender.append(topic, List.of(record)))
        .whenComplete(
            (appended, error) -> {
              if (error != null) {
                sent.completeExceptionally(ClientErrors.translate(error));
              } else {
                sent.complete(metadata(appended.get(0)));
                clients.produced(who, topic, 1, record.keyAndValueSize());
              }
            });
    return sent;
  }

  /** Resolved at the first send, which runs in the application's context (see there). */
  private ClientIdentity identity() {
    ClientIdentity known = identity;
    if (known == null) {
      known =
          new ClientIdentity(
              ClientKind.PRODUCER, null, CallingApplication.name(), ClientIdentity.IN_PROCESS);
      identity = known;
    }
    return known;
  }

  private static NewRecord record(Object key, Object value, List<Header> headers) {
    return new NewRecord(
        null,
        Serializers.serialize(key),
        Serializers.serialize(value),
        headers.stream()
            .map(header -> new org.tributary.log.Header(header.name(), header.value()))
            .toList(),
        null);
  }

  private static RecordMetadata metadata(org.tributary.log.RecordMetadata appended) {
    return new RecordMetadata(
        appended.topic(), appended.partition(), appended.offset(), appended.timestamp());
  }
}
