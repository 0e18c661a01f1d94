package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.tributary.group.ClassicGroupCoordinator;
import org.tributary.group.ClassicSync;
import org.tributary.group.ClassicSyncResult;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * SyncGroup: the leader hands out the assignment; the other members' responses are held until it
 * has.
 */
@ApplicationScoped
public class SyncGroupApi implements KafkaApi {

  @Inject ClassicGroupCoordinator coordinator;

  @Override
  public ApiKeys key() {
    return ApiKeys.SYNC_GROUP;
  }

  @Override
  public short maxVersion() {
    return 5;
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
    SyncGroupRequestData data = request.body(SyncGroupRequest.class).data();
    Map<String, ClassicSync.MemberAssignment> assignments = new HashMap<>();
    for (SyncGroupRequestData.SyncGroupRequestAssignment given : data.assignments()) {
      assignments.put(
          given.memberId(),
          new ClassicSync.MemberAssignment(
              given.assignment(),
              ConsumerProtocolBytes.assignment(data.protocolType(), given.assignment())));
    }
    ClassicSync sync =
        new ClassicSync(
            data.groupId(),
            data.memberId(),
            data.groupInstanceId(),
            data.generationId(),
            data.protocolType(),
            data.protocolName(),
            assignments);
    return coordinator.sync(sync).thenApply(SyncGroupApi::response);
  }

  private static AbstractResponse response(ClassicSyncResult result) {
    return new SyncGroupResponse(
        new SyncGroupResponseData()
            .setErrorCode(
                result.error() == null
                    ? Errors.NONE.code()
                    : KafkaErrors.errorOf(result.error()).code())
            .setProtocolType(result.protocolType())
            .setProtocolName(result.protocolName())
            .setAssignment(result.assignment()));
  }
}
