package org.tributary.console.messages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.clients.ClientKind;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.console.security.ConsoleCaller;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.log.RecordMetadata;

/**
 * Backs the message browser's produce form: one record, acknowledged once stored like any other
 * produce; the console then shows among the clients as a producer.
 */
@Named
@RequestScoped
public class ProduceMessage {

  private static final long CONFIRM_SECONDS = 30;

  @Inject PartitionLogs logs;
  @Inject ClientActivity clients;
  @Inject BrowseMessages browser;

  private String key;
  private String value;
  private String headers;
  private Integer partition;

  @ChangeAction
  public void produce() {
    String topic = browser.getTopicName();
    NewRecord record =
        new NewRecord(
            partition, utf8OrNull(key), utf8OrNull(value), HeaderLines.parse(headers), null);
    RecordMetadata written = stored(topic, record);
    ConsoleCaller caller = ConsoleCaller.current();
    clients.produced(
        new ClientIdentity(ClientKind.PRODUCER, caller.user(), "console", caller.address()),
        topic,
        1,
        record.keyAndValueSize());
    Messages.info(
        "Produced to partition " + written.partition() + " at offset " + written.offset() + ".",
        null);
    key = null;
    value = null;
    headers = null;
    browser.refresh();
  }

  private RecordMetadata stored(String topic, NewRecord record) {
    try {
      return logs.appender()
          .append(topic, List.of(record))
          .toCompletableFuture()
          .get(CONFIRM_SECONDS, TimeUnit.SECONDS)
          .get(0);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof TributaryException refused
          ? refused
          : new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "The record was not stored.", e);
    } catch (TimeoutException e) {
      throw new TributaryException(
          ErrorCode.KAFKA_STORAGE_ERROR,
          "The record was not confirmed within " + CONFIRM_SECONDS + " s; it may still be stored.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "Interrupted.", e);
    }
  }

  /** An empty field is no key, or a null value (a tombstone). */
  private static byte[] utf8OrNull(String text) {
    return text == null || text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public String getHeaders() {
    return headers;
  }

  public void setHeaders(String headers) {
    this.headers = headers;
  }

  public Integer getPartition() {
    return partition;
  }

  public void setPartition(Integer partition) {
    this.partition = partition;
  }
}
