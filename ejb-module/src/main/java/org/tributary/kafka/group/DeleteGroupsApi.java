package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.tributary.group.GroupDeletions;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * DeleteGroups, admins only: {@link GroupDeletions}, the same deletion (and audit) as the REST API
 * and the console; refused with {@code NON_EMPTY_GROUP} while a group has members of either kind.
 */
@ApplicationScoped
public class DeleteGroupsApi implements KafkaApi {

  @Inject GroupDeletions deletions;
  @Inject KafkaCaller caller;

  @Override
  public ApiKeys key() {
    return ApiKeys.DELETE_GROUPS;
  }

  @Override
  public short maxVersion() {
    return 2;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_COORDINATOR;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.ADMIN);
  }

  @Override
  public Errors authorizationError() {
    return Errors.GROUP_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    DeleteGroupsResponseData answer = new DeleteGroupsResponseData();
    for (String groupId : request.body(DeleteGroupsRequest.class).data().groupsNames()) {
      Errors error = Errors.NONE;
      try {
        caller.run(request, () -> deletions.deleteGroup(groupId));
      } catch (RuntimeException e) {
        error = KafkaErrors.errorOf(e);
      }
      answer
          .results()
          .add(new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code()));
    }
    return CompletableFuture.completedFuture(new DeleteGroupsResponse(answer));
  }
}
