package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDescription;
import org.tributary.group.GroupState;
import org.tributary.group.MemberDescription;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * DescribeGroups of both kinds. A Kafka member is shown with the bytes its clients exchanged;
 * Tributary's own members with their subscription and assignment written in Kafka's consumer
 * protocol, so that {@code kafka-consumer-groups --describe} reads them too.
 */
@ApplicationScoped
public class DescribeGroupsApi implements KafkaApi {

  @Inject GroupCoordinator coordinator;

  @Override
  public ApiKeys key() {
    return ApiKeys.DESCRIBE_GROUPS;
  }

  @Override
  public short maxVersion() {
    return 6;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_COORDINATOR;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.CONSUMER, Roles.VIEWER);
  }

  @Override
  public Errors authorizationError() {
    return Errors.GROUP_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    List<String> groupIds = request.body(DescribeGroupsRequest.class).data().groups();
    DescribeGroupsResponseData answer = new DescribeGroupsResponseData();
    for (String groupId : groupIds) {
      answer.groups().add(describe(groupId, request.version()));
    }
    return CompletableFuture.completedFuture(new DescribeGroupsResponse(answer));
  }

  private DescribedGroup describe(String groupId, short version) {
    GroupDescription group;
    try {
      group = coordinator.describe(groupId);
    } catch (RuntimeException e) {
      return DescribeGroupsResponse.groupError(groupId, KafkaErrors.errorOf(e), e.getMessage());
    }
    if (group.state() == GroupState.DEAD && version >= 6) {
      return DescribeGroupsResponse.groupError(
          groupId,
          Errors.GROUP_ID_NOT_FOUND,
          "Group '" + groupId + "' has neither members nor committed offsets.");
    }
    boolean empty = group.state() == GroupState.EMPTY || group.state() == GroupState.DEAD;
    return new DescribedGroup()
        .setGroupId(groupId)
        .setErrorCode(Errors.NONE.code())
        .setGroupState(GroupStateNames.of(group.state()))
        .setProtocolType(group.state() == GroupState.DEAD ? "" : group.protocolType())
        .setProtocolData(empty ? "" : group.assignor())
        .setAuthorizedOperations(DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED)
        .setMembers(group.members().stream().map(DescribeGroupsApi::member).toList());
  }

  private static DescribedGroupMember member(MemberDescription member) {
    return new DescribedGroupMember()
        .setMemberId(member.memberId())
        .setGroupInstanceId(member.groupInstanceId())
        .setClientId(member.clientId() == null ? "" : member.clientId())
        .setClientHost(member.clientHost() == null ? "" : member.clientHost())
        .setMemberMetadata(
            member.protocolMetadata() != null
                ? member.protocolMetadata()
                : ConsumerProtocolBytes.subscriptionBytes(member.subscription()))
        .setMemberAssignment(
            member.protocolAssignment() != null
                ? member.protocolAssignment()
                : ConsumerProtocolBytes.assignmentBytes(member.assignment()));
  }
}
