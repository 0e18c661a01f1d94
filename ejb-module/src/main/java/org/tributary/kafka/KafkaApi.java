package org.tributary.kafka;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * One Kafka API as this server serves it (Kafka's {@code KafkaApis.handleXxx}): the versions it
 * implements, who may call it, and the handling. Each is a CDI bean; {@link KafkaApis} finds them
 * all, and ApiVersions advertises exactly these.
 */
public interface KafkaApi {

  ApiKeys key();

  /** The oldest version kafka-clients still reads, unless the API serves fewer. */
  default short minVersion() {
    return key().oldestVersion();
  }

  short maxVersion();

  /**
   * Whether the signed-in user may call this API at all; finer checks (this topic, that group) are
   * the handler's. The default: every signed-in user, as Kafka lets every client read metadata.
   */
  default boolean permits(KafkaSession session) {
    return true;
  }

  /** The error a refused caller gets in every entry of the response. */
  default Errors authorizationError() {
    return Errors.CLUSTER_AUTHORIZATION_FAILED;
  }

  /**
   * What a server that is not the writer answers instead of handling the request: APIs about the
   * partitions' logs (NOT_LEADER_OR_FOLLOWER) or the groups (NOT_COORDINATOR) are the writer's,
   * which alone holds their state; a client that gets this asks Metadata or FindCoordinator again
   * and goes there. {@code NONE} for the APIs every server answers.
   */
  default Errors notWriterError() {
    return Errors.NONE;
  }

  /**
   * Handles one request, on a request-handler thread, one request of a connection at a time (so a
   * connection's requests take effect in the order sent). Long work completes the stage later and
   * holds no thread. A stage completing with {@code null} sends no response (Produce with {@code
   * acks=0}).
   */
  CompletionStage<AbstractResponse> handle(KafkaRequest request);
}
