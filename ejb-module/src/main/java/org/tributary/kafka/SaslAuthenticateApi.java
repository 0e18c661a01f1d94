package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.tributary.security.SignIn;
import org.tributary.security.Users;

/**
 * SaslAuthenticate with PLAIN (RFC 4616) against Tributary's users, behind the same sign-in
 * throttle as HTTP. A failure is answered, then the connection closes, as Kafka does.
 */
@ApplicationScoped
public class SaslAuthenticateApi implements KafkaApi {

  private static final Logger LOG = Logger.getLogger(SaslAuthenticateApi.class.getName());

  @Inject Users users;

  @Override
  public ApiKeys key() {
    return ApiKeys.SASL_AUTHENTICATE;
  }

  @Override
  public short minVersion() {
    return 0;
  }

  @Override
  public short maxVersion() {
    return 2;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    KafkaSession session = request.session();
    byte[] token = request.body(SaslAuthenticateRequest.class).data().authBytes();
    session.rawSaslTokenNext(false);
    SaslAuthenticateResponseData data = new SaslAuthenticateResponseData();
    if (session.authenticated() || session.saslMechanism().isEmpty()) {
      return refuse(
          session,
          data,
          Errors.ILLEGAL_SASL_STATE,
          "SaslAuthenticate without a SaslHandshake naming PLAIN first");
    }
    PlainCredentials credentials = PlainCredentials.parse(token);
    if (credentials == null) {
      return refuse(
          session,
          data,
          Errors.SASL_AUTHENTICATION_FAILED,
          "Authentication failed: the PLAIN token is not authzid NUL user NUL password");
    }
    SignIn signIn = users.signIn(credentials.user(), credentials.password(), session.address());
    return switch (signIn.outcome()) {
      case SIGNED_IN -> {
        if (signIn.user().orElseThrow().mustChangePassword()) {
          yield refuse(
              session,
              data,
              Errors.SASL_AUTHENTICATION_FAILED,
              "Authentication failed: user '"
                  + credentials.user()
                  + "' must change the password first (console, or POST"
                  + " /v3/clusters/{cluster}/users/{name}/password)");
        }
        session.authenticatedAs(signIn.user().orElseThrow());
        yield CompletableFuture.completedFuture(
            new SaslAuthenticateResponse(data.setErrorCode(Errors.NONE.code())));
      }
      case WRONG_PASSWORD ->
          refuse(
              session,
              data,
              Errors.SASL_AUTHENTICATION_FAILED,
              "Authentication failed: invalid username or password");
      case THROTTLED, BUSY ->
          refuse(
              session,
              data,
              Errors.SASL_AUTHENTICATION_FAILED,
              "Authentication failed: too many attempts; retry in "
                  + signIn.retryAfterSeconds()
                  + " s");
    };
  }

  private static CompletionStage<AbstractResponse> refuse(
      KafkaSession session, SaslAuthenticateResponseData data, Errors error, String message) {
    LOG.info(
        "Kafka connection "
            + session.connectionId()
            + " from "
            + session.address()
            + ": "
            + message);
    session.closeAfterResponse();
    return CompletableFuture.completedFuture(
        new SaslAuthenticateResponse(data.setErrorCode(error.code()).setErrorMessage(message)));
  }

  /** A PLAIN token's user and password; an authorization id, if any, must be the user. */
  record PlainCredentials(String user, String password) {

    static PlainCredentials parse(byte[] token) {
      if (token == null) {
        return null;
      }
      String text = new String(token, StandardCharsets.UTF_8);
      String[] parts = text.split("\u0000", -1);
      if (parts.length != 3 || parts[1].isEmpty()) {
        return null;
      }
      if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
        return null;
      }
      return new PlainCredentials(parts[1], parts[2]);
    }
  }
}
