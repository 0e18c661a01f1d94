package org.tributary.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.tributary.cluster.ClusterView;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.security.Roles;
import org.tributary.security.UserView;

class KafkaApisTest {

  private final KafkaSession session =
      new KafkaSession("kafka-1", new InetSocketAddress("127.0.0.1", 50000));

  @Test
  void beforeAuthenticationOnlyApiVersionsAndSaslAreAnswered() {
    KafkaApis apis = new KafkaApis(List.of(new ListGroups(ok())));
    KafkaApis.ProtocolViolation refused =
        assertThrows(KafkaApis.ProtocolViolation.class, () -> apis.handle(listGroups((short) 4)));
    assertTrue(refused.getMessage().contains("before SASL authentication"), refused::getMessage);
  }

  @Test
  void aVersionNotServedOrAnApiNotServedEndsTheConnection() {
    signIn(Roles.ADMIN);
    KafkaApis apis = new KafkaApis(List.of(new ListGroups(ok())));
    assertThrows(KafkaApis.ProtocolViolation.class, () -> apis.handle(listGroups((short) 5)));
    KafkaApis none = new KafkaApis(List.of());
    assertThrows(KafkaApis.ProtocolViolation.class, () -> none.handle(listGroups((short) 4)));
  }

  @Test
  void aCallerWithoutTheRoleGetsTheApisAuthorizationErrorInItsResponse() {
    signIn(Roles.PRODUCER);
    KafkaApis apis = new KafkaApis(List.of(new ListGroups(ok())));
    ListGroupsResponse response =
        (ListGroupsResponse) apis.handle(listGroups((short) 4)).toCompletableFuture().join();
    assertEquals(Errors.GROUP_AUTHORIZATION_FAILED.code(), response.data().errorCode());
  }

  @Test
  void rolesAnAdminTookAwayAreGoneFromConnectionsSignedInBefore() {
    signIn(Roles.VIEWER);
    Map<String, UserView> store = new HashMap<>();
    store.put("u", new UserView("u", Set.of(Roles.PRODUCER), false, Instant.EPOCH, Instant.EPOCH));
    KafkaApis apis =
        new KafkaApis(
            List.of(new ListGroups(ok())),
            name -> Optional.ofNullable(store.get(name)),
            Duration.ZERO);
    ListGroupsResponse refused =
        (ListGroupsResponse) apis.handle(listGroups((short) 4)).toCompletableFuture().join();
    assertEquals(Errors.GROUP_AUTHORIZATION_FAILED.code(), refused.data().errorCode());

    store.clear();
    KafkaApis.ProtocolViolation deleted =
        assertThrows(KafkaApis.ProtocolViolation.class, () -> apis.handle(listGroups((short) 4)));
    assertTrue(deleted.getMessage().contains("was deleted"), deleted::getMessage);
  }

  @Test
  void aFailedHandlerBecomesTheApisErrorResponse() {
    signIn(Roles.VIEWER);
    KafkaApis apis =
        new KafkaApis(
            List.of(
                new ListGroups(
                    CompletableFuture.failedFuture(
                        new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "db down")))));
    ListGroupsResponse response =
        (ListGroupsResponse) apis.handle(listGroups((short) 4)).toCompletableFuture().join();
    assertEquals(Errors.KAFKA_STORAGE_ERROR.code(), response.data().errorCode());
  }

  @Test
  void apiVersionsListsExactlyTheApisServed() {
    KafkaApis apis = new KafkaApis(List.of(new ListGroups(ok()), new ApiVersionsApi()));
    ApiVersionsResponse response =
        (ApiVersionsResponse) new ApiVersionsApi().respond(request(apiVersions((short) 3)), apis);
    ApiVersionsResponseData data = response.data();
    assertEquals(Errors.NONE.code(), data.errorCode());
    assertEquals(2, data.apiKeys().size());
    ApiVersionsResponseData.ApiVersion listGroups = data.apiKeys().find(ApiKeys.LIST_GROUPS.id);
    assertEquals(0, listGroups.minVersion());
    assertEquals(4, listGroups.maxVersion());
  }

  @Test
  void aTooNewApiVersionsIsAnsweredUnsupportedWithTheVersionsServed() {
    KafkaApis apis = new KafkaApis(List.of(new ApiVersionsApi()));
    ApiVersionsRequest tooNew =
        new ApiVersionsRequest(new ApiVersionsRequestData(), (short) 0, (short) 9);
    ApiVersionsResponse response =
        (ApiVersionsResponse)
            new ApiVersionsApi()
                .respond(
                    new KafkaRequest(
                        new RequestHeader(ApiKeys.API_VERSIONS, (short) 9, "c", 1),
                        tooNew,
                        session),
                    apis);
    assertEquals(Errors.UNSUPPORTED_VERSION.code(), response.data().errorCode());
    assertEquals(4, response.data().apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion());
  }

  @Test
  void anApiOfTheWritersIsAnsweredWithItsErrorByAServerThatDoesNotWrite() {
    signIn(Roles.VIEWER);
    KafkaApis apis = new KafkaApis(List.of(new WritersListGroups()));
    apis.brokers = brokersWithWriter(Optional.of(1));
    ListGroupsResponse elsewhere =
        (ListGroupsResponse) apis.handle(listGroups((short) 4)).toCompletableFuture().join();
    assertEquals(Errors.NOT_COORDINATOR.code(), elsewhere.data().errorCode());
    apis.brokers = brokersWithWriter(Optional.empty());
    ListGroupsResponse between =
        (ListGroupsResponse) apis.handle(listGroups((short) 4)).toCompletableFuture().join();
    assertEquals(Errors.NOT_COORDINATOR.code(), between.data().errorCode());
    apis.brokers = brokersWithWriter(Optional.of(0));
    ListGroupsResponse here =
        (ListGroupsResponse) apis.handle(listGroups((short) 4)).toCompletableFuture().join();
    assertEquals(Errors.NONE.code(), here.data().errorCode());
  }

  /** This server is broker 0; the writer is {@code writer}. */
  private static KafkaBrokers brokersWithWriter(Optional<Integer> writer) {
    return new KafkaBrokers() {
      @Override
      public boolean isWriter() {
        return writer.equals(Optional.of(0));
      }

      @Override
      protected ClusterView view() {
        return new ClusterView(0, List.of(), writer);
      }
    };
  }

  private void signIn(String role) {
    session.authenticatedAs(new UserView("u", Set.of(role), false, Instant.EPOCH, Instant.EPOCH));
  }

  private static CompletionStage<AbstractResponse> ok() {
    return CompletableFuture.completedFuture(new ListGroupsResponse(new ListGroupsResponseData()));
  }

  private KafkaRequest listGroups(short version) {
    return request(new ListGroupsRequest.Builder(new ListGroupsRequestData()).build(version));
  }

  private static ApiVersionsRequest apiVersions(short version) {
    return new ApiVersionsRequest.Builder().build(version);
  }

  private KafkaRequest request(AbstractRequest body) {
    return new KafkaRequest(
        new RequestHeader(body.apiKey(), body.version(), "client", 7), body, session);
  }

  /** ListGroups as if only the writer answered it. */
  private static final class WritersListGroups implements KafkaApi {
    private final ListGroups served = new ListGroups(ok());

    @Override
    public ApiKeys key() {
      return served.key();
    }

    @Override
    public short maxVersion() {
      return served.maxVersion();
    }

    @Override
    public Errors notWriterError() {
      return Errors.NOT_COORDINATOR;
    }

    @Override
    public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
      return served.handle(request);
    }
  }

  /** An API served at v0 to v4 to consumers and viewers, answering what it is given. */
  private record ListGroups(CompletionStage<AbstractResponse> answer) implements KafkaApi {
    @Override
    public ApiKeys key() {
      return ApiKeys.LIST_GROUPS;
    }

    @Override
    public short minVersion() {
      return 0;
    }

    @Override
    public short maxVersion() {
      return 4;
    }

    @Override
    public boolean permits(KafkaSession session) {
      return session.hasAnyRole(Roles.CONSUMER, Roles.VIEWER);
    }

    @Override
    public org.apache.kafka.common.protocol.Errors authorizationError() {
      return Errors.GROUP_AUTHORIZATION_FAILED;
    }

    @Override
    public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
      return answer;
    }
  }
}
