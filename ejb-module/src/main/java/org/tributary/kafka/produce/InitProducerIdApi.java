package org.tributary.kafka.produce;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * InitProducerId for idempotent producers: a fresh producer id and epoch 0 every time, as Kafka's
 * coordinator answers a request without a transactional id. With one (a transactional producer) the
 * answer is an error: Kafka transactions are not supported. Version 6 (two-phase commit) is not
 * served.
 */
@ApplicationScoped
public class InitProducerIdApi implements KafkaApi {

  private static final Logger LOG = Logger.getLogger(InitProducerIdApi.class.getName());

  /**
   * The client reports an error it does not expect with the error's own text ("Unexpected error in
   * InitProducerIdResponse; The version of API is not supported."), and fails the producer.
   */
  static final Errors TRANSACTIONS_UNSUPPORTED = Errors.UNSUPPORTED_VERSION;

  @Inject ProducerIds producerIds;

  @Override
  public ApiKeys key() {
    return ApiKeys.INIT_PRODUCER_ID;
  }

  @Override
  public short maxVersion() {
    return 5;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.PRODUCER);
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    InitProducerIdRequestData asked = request.body(InitProducerIdRequest.class).data();
    InitProducerIdResponseData answer = new InitProducerIdResponseData();
    if (asked.transactionalId() != null) {
      LOG.info(
          () ->
              "Refused transactional producer '"
                  + asked.transactionalId()
                  + "' (client "
                  + request.session().clientId()
                  + ", user "
                  + request.session().userName()
                  + "): Kafka transactions are not supported; use the JTA facade");
      answer
          .setErrorCode(TRANSACTIONS_UNSUPPORTED.code())
          .setProducerId(RecordBatch.NO_PRODUCER_ID)
          .setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH);
    } else {
      answer.setProducerId(producerIds.next()).setProducerEpoch((short) 0);
    }
    return CompletableFuture.completedFuture(new InitProducerIdResponse(answer));
  }
}
