package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/** Signing in over Kafka is signing in to Tributary: the same users, throttle and rules as HTTP. */
class SaslKafkaIT {

  private final TributaryHttp admin = TributaryHttp.fromSystemProperty();

  @Test
  void repeatedWrongPasswordsAreThrottledAsOverHttpAndTheRightOneStillSignsIn() throws Exception {
    String name = KafkaClients.uniqueTopic("kafka-guessed");
    String password = "pw-" + UUID.randomUUID();
    Answer created =
        admin.post(
            Fixtures.v3(admin, "/users"),
            APPLICATION_JSON,
            Fixtures.newUser(name, password, "viewer"));
    assertEquals(201, created.status(), created::toString);
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertTrue(
          refusal(name, "guess-" + attempt).contains("invalid username or password"),
          "attempt " + attempt + " is only wrong");
    }
    String throttled = refusal(name, "guess-6");
    assertTrue(throttled.contains("too many attempts; retry in"), throttled);
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      assertEquals(Errors.NONE, raw.signIn(name, password).error(), "the right one always works");
    }
  }

  @Test
  void aUserWhoMustChangeThePasswordIsRefusedWithAMessageSayingSo() throws Exception {
    String name = KafkaClients.uniqueTopic("kafka-must-change");
    String password = "pw-" + UUID.randomUUID();
    Answer created =
        admin.post(
            Fixtures.v3(admin, "/users"),
            APPLICATION_JSON,
            Fixtures.newUser(name, password, "viewer"));
    assertEquals(201, created.status(), created::toString);
    Answer mustChange =
        admin.post(
            Fixtures.v3(admin, "/users/" + name + "/password"),
            APPLICATION_JSON,
            "{\"password\":\"" + password + "-2\",\"must_change_password\":true}");
    assertEquals(204, mustChange.status(), mustChange::toString);

    try (Admin client = Admin.create(KafkaClients.common(name, password + "-2"))) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> client.describeCluster().nodes().get(30, TimeUnit.SECONDS));
      assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
      assertTrue(
          refused.getCause().getMessage().contains("must change the password"),
          refused.getCause().getMessage());
    }
  }

  @Test
  void aVersionZeroHandshakeTakesTheBarePlainTokenThenRequests() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      int handshake =
          raw.send(
              new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN"))
                  .build((short) 0));
      SaslHandshakeResponse chosen =
          (SaslHandshakeResponse) raw.receive(ApiKeys.SASL_HANDSHAKE, (short) 0, handshake);
      assertEquals(Errors.NONE, chosen.error());
      raw.sendRaw(
          RawKafkaConnection.frame(
              ("\0" + KafkaClients.VIEWER + "\0" + KafkaClients.password(KafkaClients.VIEWER))
                  .getBytes(StandardCharsets.UTF_8)));
      assertEquals(0, raw.receiveRaw().length, "PLAIN's empty server token");
      int metadata =
          raw.send(new MetadataRequest.Builder(new MetadataRequestData()).build((short) 12));
      MetadataResponse cluster =
          (MetadataResponse) raw.receive(ApiKeys.METADATA, (short) 12, metadata);
      assertEquals(1, cluster.brokers().size());
    }
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      int handshake =
          raw.send(
              new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN"))
                  .build((short) 0));
      raw.receive(ApiKeys.SASL_HANDSHAKE, (short) 0, handshake);
      raw.sendRaw(
          RawKafkaConnection.frame(
              ("\0" + KafkaClients.uniqueTopic("nobody") + "\0wrong")
                  .getBytes(StandardCharsets.UTF_8)));
      assertTrue(raw.closedByServer(Duration.ofSeconds(15)), "a wrong one closes at once");
    }
  }

  private static String refusal(String name, String password) throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      SaslAuthenticateResponse refused = raw.signIn(name, password);
      assertEquals(Errors.SASL_AUTHENTICATION_FAILED, refused.error());
      return refused.data().errorMessage();
    }
  }
}
