package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.tributary.errors.ErrorCode;
import org.tributary.group.ClassicGroupCoordinator;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/** Heartbeat: keeps a member's session; REBALANCE_IN_PROGRESS tells it to rejoin. */
@ApplicationScoped
public class HeartbeatApi implements KafkaApi {

  @Inject ClassicGroupCoordinator coordinator;

  @Override
  public ApiKeys key() {
    return ApiKeys.HEARTBEAT;
  }

  @Override
  public short maxVersion() {
    return 4;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_COORDINATOR;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.CONSUMER);
  }

  @Override
  public Errors authorizationError() {
    return Errors.GROUP_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    HeartbeatRequestData data = request.body(HeartbeatRequest.class).data();
    ErrorCode error =
        coordinator.heartbeat(
            data.groupId(), data.memberId(), data.groupInstanceId(), data.generationId());
    return CompletableFuture.completedFuture(
        new HeartbeatResponse(
            new HeartbeatResponseData()
                .setErrorCode(
                    error == null ? Errors.NONE.code() : KafkaErrors.errorOf(error).code())));
  }
}
