package org.tributary.console.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.clients.ClientKind;
import org.tributary.console.security.ConsoleCaller;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.log.RecordMetadata;

/**
 * Sends records from the console (the produce form, a re-produce, an import), acknowledged once
 * stored like any other produce; the console then shows among the clients as a producer.
 */
@ApplicationScoped
public class ConsoleProducer {

  private static final long CONFIRM_SECONDS = 30;

  @Inject PartitionLogs logs;
  @Inject ClientActivity clients;

  /** Where the records went, in their order; a refusal is thrown as the broker's exception. */
  List<RecordMetadata> send(String topic, List<NewRecord> records) {
    List<RecordMetadata> written = stored(topic, records);
    ConsoleCaller caller = ConsoleCaller.current();
    clients.produced(
        new ClientIdentity(ClientKind.PRODUCER, caller.user(), "console", caller.address()),
        topic,
        records.size(),
        records.stream().mapToLong(NewRecord::keyAndValueSize).sum());
    return written;
  }

  private List<RecordMetadata> stored(String topic, List<NewRecord> records) {
    try {
      return logs.appender()
          .append(topic, records)
          .toCompletableFuture()
          .get(CONFIRM_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof TributaryException refused
          ? refused
          : new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "Not stored.", e);
    } catch (TimeoutException e) {
      throw new TributaryException(
          ErrorCode.KAFKA_STORAGE_ERROR,
          "Not confirmed within " + CONFIRM_SECONDS + " s; the records may still be stored.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "Interrupted.", e);
    }
  }
}
