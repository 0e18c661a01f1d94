package org.tributary.console.messages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.log.Header;
import org.tributary.log.NewRecord;
import org.tributary.log.RecordMetadata;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Backs the message browser's produce form: one record, to the browsed topic or another. A shown
 * record can be copied into the form (re-produce), edited there, and produced like a new one.
 */
@Named
@RequestScoped
public class ProduceMessage {

  @Inject ConsoleProducer producer;
  @Inject BrowseMessages browser;
  @Inject TopicCatalog catalog;

  private String topic;
  private String key;
  private String value;
  private String headers;
  private Integer partition;
  private String copiedFrom;

  @ChangeAction
  public void produce() {
    String target = getTopic();
    NewRecord record =
        new NewRecord(
            partition, utf8OrNull(key), utf8OrNull(value), HeaderLines.parse(headers), null);
    RecordMetadata written = producer.send(target, List.of(record)).get(0);
    Messages.info(
        "Produced to "
            + (target.equals(browser.getTopicName()) ? "" : target + ", ")
            + "partition "
            + written.partition()
            + " at offset "
            + written.offset()
            + ".",
        null);
    key = null;
    value = null;
    headers = null;
    browser.refresh();
  }

  /**
   * Fills the form with a shown record (its whole value), to edit and produce again. Only text can
   * be edited: a record with binary content is refused with a message, and so is one that left the
   * log since the page showed it (retention, DeleteRecords, the topic deleted).
   */
  public void copy(ShownRecord shown) {
    Messages.reportingRefusals(() -> fill(browser.complete(shown)));
  }

  private void fill(ShownRecord record) {
    String where = "partition " + record.partition() + ", offset " + record.offset();
    if (!record.isComplete()) {
      Messages.error(
          "The record at " + where + " is no longer in the log.",
          "Browse again to see the log now.");
      return;
    }
    if (!isText(record.key())
        || !isText(record.value())
        || !record.headers().stream().allMatch(ProduceMessage::fitsOneLine)) {
      Messages.error(
          "The record at "
              + where
              + " holds binary data or a header the form cannot hold on one line.",
          "Export it instead, or send it with the HTTP API.");
      return;
    }
    topic = browser.getTopicName();
    partition = null;
    key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    StringBuilder lines = new StringBuilder();
    for (Header header : record.headers()) {
      lines.append(header.key()).append(": ");
      if (header.value() != null) {
        lines.append(new String(header.value(), StandardCharsets.UTF_8));
      }
      lines.append('\n');
    }
    headers = lines.toString().stripTrailing();
    copiedFrom = where;
  }

  /** Whether the header survives the form's {@code name: value} line ({@link HeaderLines}). */
  private static boolean fitsOneLine(Header header) {
    String value = header.value() == null ? "" : ValueView.strictUtf8(header.value());
    return value != null
        && header.key().indexOf(':') < 0
        && header.key().strip().equals(header.key())
        && value.strip().equals(value)
        && value.lines().count() <= 1;
  }

  private static boolean isText(byte[] bytes) {
    return bytes == null || ValueView.strictUtf8(bytes) != null;
  }

  /** An empty field is no key, or a null value (a tombstone). */
  private static byte[] utf8OrNull(String text) {
    return text == null || text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  public List<String> getTopicChoices() {
    return catalog.list().stream().map(TopicMetadata::name).sorted().toList();
  }

  /** The target topic; the browsed one unless another was chosen. */
  public String getTopic() {
    return topic == null ? browser.getTopicName() : topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  /** Where the record in the form was copied from, if it was. */
  public String getCopiedFrom() {
    return copiedFrom;
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
