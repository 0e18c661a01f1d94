package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.tributary.errors.ErrorCode;
import org.tributary.group.ClassicGroupCoordinator;
import org.tributary.group.ClassicLeave;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * LeaveGroup: members leave (a consumer's close, or an admin removing static members by instance
 * id), and the group rebalances without them at once.
 */
@ApplicationScoped
public class LeaveGroupApi implements KafkaApi {

  @Inject ClassicGroupCoordinator coordinator;

  @Override
  public ApiKeys key() {
    return ApiKeys.LEAVE_GROUP;
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
    LeaveGroupRequest leave = request.body(LeaveGroupRequest.class);
    List<MemberIdentity> members = leave.members();
    List<ErrorCode> results =
        coordinator.leave(
            leave.data().groupId(),
            members.stream()
                .map(m -> new ClassicLeave(m.memberId(), m.groupInstanceId()))
                .toList());
    List<MemberResponse> answered = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      ErrorCode error = results.get(i);
      answered.add(
          new MemberResponse()
              .setMemberId(members.get(i).memberId())
              .setGroupInstanceId(members.get(i).groupInstanceId())
              .setErrorCode(
                  error == null ? Errors.NONE.code() : KafkaErrors.errorOf(error).code()));
    }
    return CompletableFuture.completedFuture(
        new LeaveGroupResponse(answered, Errors.NONE, 0, request.version()));
  }
}
