package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;

/**
 * SaslHandshake: the client names its mechanism; with v1 the tokens follow in SaslAuthenticate,
 * with v0 the next frame is the raw PLAIN token (the network layer hands it to SaslAuthenticate).
 * librdkafka (kcat) requires v0 to be listed before it uses v1.
 */
@ApplicationScoped
public class SaslHandshakeApi implements KafkaApi {

  static final String PLAIN = "PLAIN";
  private static final List<String> MECHANISMS = List.of(PLAIN);

  @Override
  public ApiKeys key() {
    return ApiKeys.SASL_HANDSHAKE;
  }

  @Override
  public short minVersion() {
    return 0;
  }

  @Override
  public short maxVersion() {
    return 1;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    String mechanism = request.body(SaslHandshakeRequest.class).data().mechanism();
    SaslHandshakeResponseData data = new SaslHandshakeResponseData().setMechanisms(MECHANISMS);
    KafkaSession session = request.session();
    if (session.authenticated() || session.saslMechanism().isPresent()) {
      session.closeAfterResponse();
      data.setErrorCode(Errors.ILLEGAL_SASL_STATE.code());
    } else if (!MECHANISMS.contains(mechanism)) {
      session.closeAfterResponse();
      data.setErrorCode(Errors.UNSUPPORTED_SASL_MECHANISM.code());
    } else {
      session.saslMechanism(mechanism);
      if (request.version() == 0) {
        session.rawSaslTokenNext(true);
      }
    }
    return CompletableFuture.completedFuture(new SaslHandshakeResponse(data));
  }
}
