package org.tributary.web.v2;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.tributary.consumer.ConsumedRecord;
import org.tributary.consumer.GroupConsumer;
import org.tributary.log.Record;
import org.tributary.web.json.HeadersJson;

/**
 * A REST Proxy v2 records response, written straight to the stream: {@code [{"topic", "key",
 * "value", "partition", "offset", "timestamp", "headers": [{"name", "value"}]}]}. Once the whole
 * response has been handed to the connection the consumer learns that its records were delivered;
 * if writing fails (the client went away) it reads them again.
 */
final class RecordsOutput implements StreamingOutput {

  private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  private final List<ConsumedRecord> records;
  private final EmbeddedFormat format;
  private final GroupConsumer consumer;

  RecordsOutput(List<ConsumedRecord> records, EmbeddedFormat format, GroupConsumer consumer) {
    this.records = records;
    this.format = format;
    this.consumer = consumer;
  }

  @Override
  public void write(OutputStream output) throws IOException {
    try {
      // Closing the generator flushes and closes the stream: a failure to send shows here.
      writeJson(output);
    } catch (IOException | RuntimeException | Error e) {
      consumer.notDelivered(records);
      throw e;
    }
    consumer.delivered(records);
  }

  private void writeJson(OutputStream output) throws IOException {
    try (JsonGenerator json = GENERATORS.createGenerator(output)) {
      json.writeStartArray();
      for (ConsumedRecord consumed : records) {
        Record record = consumed.record();
        json.writeStartObject();
        json.write("topic", consumed.topic());
        format.writeBytes(json, "key", record.key());
        format.writeBytes(json, "value", record.value());
        json.write("partition", consumed.partition());
        json.write("offset", record.offset());
        json.write("timestamp", record.timestamp());
        HeadersJson.write(json, "headers", record.headers());
        json.writeEnd();
      }
      json.writeEnd();
    }
  }
}
