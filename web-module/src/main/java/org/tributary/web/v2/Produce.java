package org.tributary.web.v2;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.log.LogAppender;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.log.RecordMetadata;
import org.tributary.web.HttpClients;

/** A REST Proxy v2 produce, to a topic or one partition: parse, append, report the producer. */
@ApplicationScoped
public class Produce {

  @Inject PartitionLogs logs;
  @Inject ClientActivity clients;
  private LogAppender appender;

  @PostConstruct
  void start() {
    appender = logs.appender();
  }

  CompletionStage<Responses.Produced> append(
      String topic,
      Integer partition,
      HttpHeaders headers,
      HttpServletRequest request,
      String body) {
    EmbeddedFormat format = EmbeddedFormat.of(headers.getMediaType());
    List<NewRecord> records = ProduceRequest.parse(body, format, partition);
    // Read before the answer: the request object is not to be used once the response is written.
    ClientIdentity who = HttpClients.producer(request);
    return appender
        .append(topic, records)
        .thenApply(
            appended -> {
              clients.produced(who, topic, appended.size(), bytes(records));
              return produced(appended);
            });
  }

  private static long bytes(List<NewRecord> records) {
    long bytes = 0;
    for (NewRecord record : records) {
      bytes += record.keyAndValueSize();
    }
    return bytes;
  }

  private static Responses.Produced produced(List<RecordMetadata> appended) {
    return new Responses.Produced(
        null,
        null,
        appended.stream()
            .map(record -> new Responses.Offset(record.partition(), record.offset(), null, null))
            .toList());
  }
}
