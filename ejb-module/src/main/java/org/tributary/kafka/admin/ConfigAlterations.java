package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.tributary.kafka.KafkaBrokers;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfig;

/**
 * Applies one resource of AlterConfigs or IncrementalAlterConfigs: a topic's change goes to {@link
 * TopicCatalog#alterConfig} (audited, as REST v3's {@code configs:alter}); with {@code
 * validate_only} it is only checked. Broker configs are the server's start-up settings: a change is
 * refused (INVALID_REQUEST, as Kafka refuses configs it cannot update dynamically).
 */
@ApplicationScoped
class ConfigAlterations {

  @Inject TopicCatalog topics;
  @Inject KafkaCaller caller;
  @Inject KafkaBrokers brokers;

  /**
   * @param change the change of the topic's current configs
   * @param changesSomething whether the resource lists any config at all
   */
  ApiError alter(
      KafkaRequest request,
      byte resourceType,
      String name,
      Function<TopicConfig, ConfigChange> change,
      boolean changesSomething,
      boolean validateOnly) {
    KafkaSession session = request.session();
    ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
    try {
      switch (type) {
        case TOPIC -> {
          if (!AdminAccess.mayChange(session)) {
            return new ApiError(
                Errors.TOPIC_AUTHORIZATION_FAILED,
                AdminAccess.refusal(session, "alter topic configs"));
          }
          caller.run(request, () -> alterTopic(name, change, validateOnly));
        }
        case BROKER -> {
          if (!AdminAccess.mayChange(session)) {
            return new ApiError(
                Errors.CLUSTER_AUTHORIZATION_FAILED,
                AdminAccess.refusal(session, "alter broker configs"));
          }
          BrokerResource.require(name, brokers.self());
          if (changesSomething) {
            return new ApiError(
                Errors.INVALID_REQUEST,
                "Broker configs are read-only: they are the server's settings (system properties"
                    + " or environment variables, read at start). Set them there and restart, or"
                    + " change a topic's config instead.");
          }
        }
        default -> {
          return new ApiError(
              Errors.INVALID_REQUEST,
              "Configs of " + type + " resources cannot be altered: Tributary has TOPIC configs.");
        }
      }
      return ApiError.NONE;
    } catch (RuntimeException e) {
      return ApiError.fromThrowable(KafkaErrors.toApiException(e));
    }
  }

  private Void alterTopic(
      String name, Function<TopicConfig, ConfigChange> change, boolean validateOnly) {
    TopicConfig current = topics.get(name).config();
    ConfigChange changed = change.apply(current);
    if (validateOnly) {
      current.alter(changed.set(), changed.reset());
    } else {
      topics.alterConfig(name, changed.set(), changed.reset());
    }
    return null;
  }
}
