package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.tributary.group.ClassicGroupCoordinator;
import org.tributary.group.ClassicJoin;
import org.tributary.group.ClassicJoinResult;
import org.tributary.group.ClassicProtocol;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * JoinGroup: the response is held (a future, no thread) until the group's join phase ends, as
 * {@link ClassicGroupCoordinator} decides.
 */
@ApplicationScoped
public class JoinGroupApi implements KafkaApi {

  @Inject ClassicGroupCoordinator coordinator;

  @Override
  public ApiKeys key() {
    return ApiKeys.JOIN_GROUP;
  }

  @Override
  public short maxVersion() {
    return 9;
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
    JoinGroupRequestData data = request.body(JoinGroupRequest.class).data();
    short version = request.version();
    List<ClassicProtocol> protocols =
        data.protocols().stream().map(p -> new ClassicProtocol(p.name(), p.metadata())).toList();
    ClassicJoin join =
        new ClassicJoin(
            data.groupId(),
            data.memberId(),
            data.groupInstanceId(),
            request.header().clientId(),
            "/" + request.session().address(),
            data.sessionTimeoutMs(),
            // v0 has no rebalance timeout: Kafka uses the session timeout.
            version == 0 ? data.sessionTimeoutMs() : data.rebalanceTimeoutMs(),
            data.protocolType(),
            protocols,
            ConsumerProtocolBytes.subscription(data.protocolType(), protocols),
            JoinGroupRequest.requiresKnownMemberId(version));
    return coordinator.join(join).thenApply(result -> response(result, version));
  }

  static AbstractResponse response(ClassicJoinResult result, short version) {
    JoinGroupResponseData data =
        new JoinGroupResponseData()
            .setErrorCode(
                result.error() == null
                    ? Errors.NONE.code()
                    : KafkaErrors.errorOf(result.error()).code())
            .setGenerationId(result.generation())
            .setProtocolType(result.protocolType())
            // Nullable from v7 only.
            .setProtocolName(
                result.protocolName() == null && version < 7 ? "" : result.protocolName())
            .setLeader(result.leader() == null ? "" : result.leader())
            .setMemberId(result.memberId() == null ? "" : result.memberId())
            .setMembers(
                result.members().stream()
                    .map(
                        m ->
                            new JoinGroupResponseMember()
                                .setMemberId(m.memberId())
                                .setGroupInstanceId(m.groupInstanceId())
                                .setMetadata(m.metadata()))
                    .toList());
    return new JoinGroupResponse(data, version);
  }
}
