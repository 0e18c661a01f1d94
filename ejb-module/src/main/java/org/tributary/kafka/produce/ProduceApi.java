package org.tributary.kafka.produce;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.BatchIndexAndErrorMessage;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.tributary.errors.TributaryException;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaClientActivity;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.log.BatchAppendResult;
import org.tributary.log.LogAppender;
import org.tributary.log.PartitionLogs;
import org.tributary.log.ProducedBatch;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Produce: each partition's RecordBatch v2 is validated ({@link ProducedBatch}) and the valid ones
 * go to the group commit as one append, stored as they are. {@code acks=1} and {@code acks=-1}
 * answer after the durable commit (Tributary acknowledges nothing earlier); {@code acks=0} appends
 * and answers nothing. Versions up to 12: version 13 names topics by id, which Tributary has not.
 */
@ApplicationScoped
public class ProduceApi implements KafkaApi {

  @Inject TopicCatalog topics;
  @Inject PartitionLogs partitionLogs;
  @Inject KafkaClientActivity clients;
  @Inject KafkaCaller caller;

  Clock clock = Clock.systemUTC();
  private volatile LogAppender appender;
  private volatile Map<String, TopicMetadata> topicsByName;

  @Override
  public ApiKeys key() {
    return ApiKeys.PRODUCE;
  }

  @Override
  public short maxVersion() {
    return 12;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.PRODUCER);
  }

  @Override
  public Errors authorizationError() {
    return Errors.TOPIC_AUTHORIZATION_FAILED;
  }

  /**
   * The topic from the catalog's live view (no container call on the path of every batch); an
   * unknown one is created, if allowed, as the signed-in user, so the audit trail says who.
   */
  private TopicMetadata topicFor(KafkaRequest request, String name) {
    Map<String, TopicMetadata> known = topicsByName;
    if (known == null) {
      known = topics.byName();
      topicsByName = known;
    }
    TopicMetadata topic = known.get(name);
    return topic != null ? topic : caller.run(request, () -> topics.getForProduce(name));
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    ProduceRequest produce = request.body(ProduceRequest.class);
    short acks = produce.acks();
    ProduceResponseData response = new ProduceResponseData();
    List<ProducedBatch> batches = new ArrayList<>();
    List<PartitionProduceResponse> waiting = new ArrayList<>();
    long now = clock.millis();
    for (TopicProduceData topicData : produce.data().topicData()) {
      TopicProduceResponse answered = new TopicProduceResponse().setName(topicData.name());
      response.responses().add(answered);
      TopicMetadata topic = null;
      TributaryException topicError = null;
      if ((acks == 0 || acks == 1 || acks == -1) && produce.transactionalId() == null) {
        try {
          topic = topicFor(request, topicData.name());
        } catch (TributaryException e) {
          topicError = e;
        }
      }
      for (PartitionProduceData partitionData : topicData.partitionData()) {
        PartitionProduceResponse partition =
            new PartitionProduceResponse().setIndex(partitionData.index());
        answered.partitionResponses().add(partition);
        if (!(acks == 0 || acks == 1 || acks == -1)) {
          failed(
              partition,
              Errors.INVALID_REQUIRED_ACKS,
              "acks=" + acks + " is not valid: use 0, 1 or -1 (all).");
        } else if (produce.transactionalId() != null) {
          failed(
              partition,
              Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
              "Kafka transactions are not supported by Tributary; use the JTA facade.");
        } else if (topicError != null) {
          failed(partition, topicError);
        } else if (!topic.hasPartition(partitionData.index())) {
          failed(
              partition,
              TributaryException.unknownPartition(
                  topic.name(), partitionData.index(), topic.partitions()));
        } else {
          try {
            batches.add(
                ProducedBatch.validate(topic, partitionData.index(), records(partitionData), now));
            waiting.add(partition);
          } catch (ProducedBatch.RecordRefusal refused) {
            failed(partition, refused);
            if (refused.recordIndex() >= 0) {
              partition
                  .recordErrors()
                  .add(
                      new BatchIndexAndErrorMessage()
                          .setBatchIndex(refused.recordIndex())
                          .setBatchIndexErrorMessage(refused.getMessage()));
            }
          }
        }
      }
    }
    produce.clearPartitionRecords(); // copied into the batches; the frame is not kept
    CompletionStage<ProduceResponseData> appended =
        append(batches, waiting, response, request.session());
    if (acks == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return appended.thenApply(ProduceResponse::new);
  }

  private CompletionStage<ProduceResponseData> append(
      List<ProducedBatch> batches,
      List<PartitionProduceResponse> waiting,
      ProduceResponseData response,
      KafkaSession session) {
    if (batches.isEmpty()) {
      return CompletableFuture.completedFuture(response);
    }
    CompletionStage<List<BatchAppendResult>> results;
    try {
      results = appender().appendBatches(batches);
    } catch (RuntimeException e) {
      results = CompletableFuture.failedFuture(e);
    }
    return results.handle(
        (appended, failure) -> {
          for (int i = 0; i < waiting.size(); i++) {
            PartitionProduceResponse partition = waiting.get(i);
            if (failure != null) {
              failed(partition, failure);
              continue;
            }
            BatchAppendResult result = appended.get(i);
            if (result.error() != null) {
              failed(partition, result.error());
            } else {
              ProducedBatch batch = batches.get(i);
              clients.produced(
                  session, batch.topic().name(), batch.recordCount(), batch.sizeInBytes());
              partition
                  .setBaseOffset(result.baseOffset())
                  .setLogAppendTimeMs(result.logAppendTime())
                  .setLogStartOffset(result.logStartOffset());
            }
          }
          return response;
        });
  }

  private static MemoryRecords records(PartitionProduceData partitionData) {
    if (partitionData.records() instanceof MemoryRecords records) {
      return records;
    }
    return MemoryRecords.EMPTY;
  }

  private static void failed(PartitionProduceResponse partition, Throwable failure) {
    failed(
        partition, KafkaErrors.errorOf(failure), KafkaErrors.toApiException(failure).getMessage());
  }

  private static void failed(PartitionProduceResponse partition, Errors error, String message) {
    partition
        .setErrorCode(error.code())
        .setErrorMessage(message)
        .setBaseOffset(-1)
        .setLogAppendTimeMs(-1)
        .setLogStartOffset(-1);
  }

  private LogAppender appender() {
    LogAppender known = appender;
    if (known == null) {
      known = partitionLogs.appender(); // one container call, then kept (as the REST produce does)
      appender = known;
    }
    return known;
  }
}
