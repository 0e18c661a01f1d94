package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaBrokers;
import org.tributary.kafka.KafkaRequest;

/**
 * FindCoordinator: the writer coordinates every group (see {@link KafkaBrokers}). Kafka
 * transactions are not supported, so a transaction coordinator is refused with a non-retriable
 * error whose message says so: a transactional producer's {@code initTransactions()} then fails at
 * once instead of retrying.
 */
@ApplicationScoped
public class FindCoordinatorApi implements KafkaApi {

  static final String NO_TRANSACTIONS =
      "Kafka transactions are not supported by Tributary; use an idempotent producer without"
          + " transactional.id.";

  @Inject KafkaBrokers brokers;

  @Override
  public ApiKeys key() {
    return ApiKeys.FIND_COORDINATOR;
  }

  @Override
  public short maxVersion() {
    return 6;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    FindCoordinatorRequestData asked = request.body(FindCoordinatorRequest.class).data();
    List<String> keys =
        request.version() >= FindCoordinatorRequest.MIN_BATCHED_VERSION
            ? asked.coordinatorKeys()
            : List.of(asked.key());
    List<Coordinator> coordinators = new ArrayList<>();
    for (String key : keys) {
      coordinators.add(coordinator(asked.keyType(), key));
    }
    FindCoordinatorResponseData answer = new FindCoordinatorResponseData();
    if (request.version() >= FindCoordinatorRequest.MIN_BATCHED_VERSION) {
      answer.setCoordinators(coordinators);
    } else {
      Coordinator only = coordinators.get(0);
      answer
          .setErrorCode(only.errorCode())
          .setErrorMessage(only.errorMessage())
          .setNodeId(only.nodeId())
          .setHost(only.host())
          .setPort(only.port());
    }
    return CompletableFuture.completedFuture(new FindCoordinatorResponse(answer));
  }

  private Coordinator coordinator(byte keyType, String key) {
    Coordinator coordinator = new Coordinator().setKey(key).setNodeId(-1).setHost("").setPort(-1);
    if (keyType == CoordinatorType.GROUP.id()) {
      Optional<Node> writer = brokers.current().writer();
      if (writer.isEmpty()) {
        return coordinator
            .setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code())
            .setErrorMessage(
                "No server coordinates groups at the moment: the one that did stopped, and its"
                    + " lease has not yet passed to another. Retry.");
      }
      return coordinator
          .setNodeId(writer.get().id())
          .setHost(writer.get().host())
          .setPort(writer.get().port())
          .setErrorCode(Errors.NONE.code());
    }
    if (keyType == CoordinatorType.TRANSACTION.id()) {
      return coordinator
          .setErrorCode(Errors.UNSUPPORTED_VERSION.code())
          .setErrorMessage(NO_TRANSACTIONS);
    }
    return coordinator
        .setErrorCode(Errors.INVALID_REQUEST.code())
        .setErrorMessage("Only consumer groups have a coordinator on this broker.");
  }
}
