package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.tributary.group.GroupCoordinator;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaBrokers;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * ListGroups: every group with members or committed offsets, of both kinds; all are of Kafka's
 * {@code classic} type (Tributary has no KIP-848 consumer groups).
 */
@ApplicationScoped
public class ListGroupsApi implements KafkaApi {

  static final String CLASSIC = "classic";

  @Inject GroupCoordinator coordinator;
  @Inject KafkaBrokers brokers;

  @Override
  public ApiKeys key() {
    return ApiKeys.LIST_GROUPS;
  }

  @Override
  public short maxVersion() {
    return 5;
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
    ListGroupsRequestData asked = request.body(ListGroupsRequest.class).data();
    Set<String> states = lowerCase(asked.statesFilter());
    Set<String> types = lowerCase(asked.typesFilter());
    // Admin clients ask every broker and merge the lists: only the writer, which coordinates every
    // group, lists them.
    List<ListGroupsResponseData.ListedGroup> listed =
        brokers.isWriter() && (types.isEmpty() || types.contains(CLASSIC))
            ? coordinator.describeAll().stream()
                .map(
                    group ->
                        new ListGroupsResponseData.ListedGroup()
                            .setGroupId(group.groupId())
                            .setProtocolType(group.protocolType())
                            .setGroupState(GroupStateNames.of(group.state()))
                            .setGroupType(CLASSIC))
                .filter(
                    group ->
                        states.isEmpty()
                            || states.contains(group.groupState().toLowerCase(Locale.ROOT)))
                .toList()
            : List.of();
    return CompletableFuture.completedFuture(
        new ListGroupsResponse(
            new ListGroupsResponseData().setErrorCode(Errors.NONE.code()).setGroups(listed)));
  }

  private static Set<String> lowerCase(List<String> names) {
    return names == null
        ? Set.of()
        : names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
