package org.tributary.kafka;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.tributary.security.UserView;
import org.tributary.security.Users;

/**
 * Routes each request to its {@link KafkaApi} (Kafka's {@code KafkaApis}): refuses versions it does
 * not serve, lets an unauthenticated connection do nothing but ApiVersions and SASL, checks the
 * API's role (re-read from the user store every few seconds), and turns any failure into the API's
 * own error response. Stateless.
 */
@ApplicationScoped
public class KafkaApis {

  /** What a connection may send before it has authenticated. */
  private static final Set<ApiKeys> BEFORE_AUTHENTICATION =
      Set.of(ApiKeys.API_VERSIONS, ApiKeys.SASL_HANDSHAKE, ApiKeys.SASL_AUTHENTICATE);

  /**
   * How long a connection goes on with the roles it read: a user deleted or whose roles an admin
   * changed is held to it within this, as HTTP (which signs in on every request) is at once.
   */
  static final Duration USER_REREAD = Duration.ofSeconds(5);

  @Inject @Any Instance<KafkaApi> discovered;
  @Inject Users users;
  @Inject KafkaBrokers brokers;

  private Map<ApiKeys, KafkaApi> apis;
  private Function<String, Optional<UserView>> userStore;
  private Duration userReread = USER_REREAD;

  public KafkaApis() {}

  /** For tests: exactly these APIs; roles are never re-read. */
  public KafkaApis(Collection<KafkaApi> served) {
    apis = index(served);
  }

  /** For tests: exactly these APIs, with this user store, re-read after {@code reread}. */
  KafkaApis(
      Collection<KafkaApi> served,
      Function<String, Optional<UserView>> userStore,
      Duration reread) {
    apis = index(served);
    this.userStore = userStore;
    this.userReread = reread;
  }

  @PostConstruct
  void discover() {
    List<KafkaApi> served = new ArrayList<>();
    discovered.forEach(served::add);
    apis = index(served);
    userStore = users::find;
  }

  private static Map<ApiKeys, KafkaApi> index(Collection<KafkaApi> served) {
    Map<ApiKeys, KafkaApi> byKey = new EnumMap<>(ApiKeys.class);
    for (KafkaApi api : served) {
      KafkaApi twice = byKey.put(api.key(), api);
      if (twice != null) {
        throw new IllegalStateException(
            api.key() + " is served by both " + twice.getClass() + " and " + api.getClass());
      }
    }
    return byKey;
  }

  /** Every API served, for ApiVersions. */
  public Collection<KafkaApi> served() {
    return apis.values();
  }

  /**
   * Handles a request. A request the connection may not send at all (a version not served, an API
   * before authentication) throws {@link ProtocolViolation}: Kafka closes such connections.
   */
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    ApiKeys key = request.header().apiKey();
    KafkaApi api = apis.get(key);
    if (api == null) {
      throw new ProtocolViolation(key + " is not served by this broker");
    }
    short version = request.version();
    boolean unsupportedApiVersions = key == ApiKeys.API_VERSIONS;
    if (!unsupportedApiVersions && (version < api.minVersion() || version > api.maxVersion())) {
      throw new ProtocolViolation(
          key
              + " v"
              + version
              + " is not served; this broker serves v"
              + api.minVersion()
              + " to v"
              + api.maxVersion());
    }
    KafkaSession session = request.session();
    session.clientId(request.header().clientId());
    if (!session.authenticated() && !BEFORE_AUTHENTICATION.contains(key)) {
      throw new ProtocolViolation(
          key + " before SASL authentication; only ApiVersions and SASL are answered then");
    }
    if (session.authenticated()) {
      rereadUser(session);
    }
    if (session.authenticated() && !api.permits(session)) {
      return CompletableFuture.completedFuture(
          request
              .body()
              .getErrorResponse(
                  api.authorizationError()
                      .exception(
                          "User '"
                              + session.userName()
                              + "' may not call "
                              + key.name
                              + "; ask an admin for the role it needs.")));
    }
    Errors elsewhere = api.notWriterError();
    if (elsewhere != Errors.NONE && !brokers.isWriter()) {
      return CompletableFuture.completedFuture(
          request
              .body()
              .getErrorResponse(
                  elsewhere.exception(
                      "Broker "
                          + brokers.self()
                          + " is not the writer of this cluster; ask Metadata or FindCoordinator"
                          + " which broker is.")));
    }
    CompletionStage<AbstractResponse> handled;
    try {
      handled = api.handle(request);
    } catch (RuntimeException e) {
      handled = CompletableFuture.failedFuture(e);
    }
    return handled.handle(
        (response, failure) ->
            failure == null
                ? response
                : request.body().getErrorResponse(KafkaErrors.toApiException(failure)));
  }

  private void rereadUser(KafkaSession session) {
    long now = System.nanoTime();
    if (userStore == null || !session.userOlderThan(userReread.toNanos(), now)) {
      return;
    }
    UserView current =
        userStore
            .apply(session.userName())
            .orElseThrow(
                () ->
                    new ProtocolViolation(
                        "user '" + session.userName() + "' was deleted; it signed in earlier"));
    session.userReread(current, now);
  }

  /** A request that ends its connection, as Kafka ends it. */
  public static final class ProtocolViolation extends RuntimeException {
    public ProtocolViolation(String message) {
      super(message);
    }
  }
}
