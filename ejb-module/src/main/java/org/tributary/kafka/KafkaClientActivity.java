package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.clients.ClientKind;

/**
 * Reports Kafka clients to the console's Clients page and {@code GET /v3/clusters/{c}/clients}, as
 * the HTTP resources report theirs: the signed-in user, the client's {@code client.id} and its
 * address. Produce calls {@link #produced} for each partition it appended to, Fetch {@link
 * #fetched} once per response (empty ones too: a consumer waiting for records is active).
 */
@ApplicationScoped
public class KafkaClientActivity {

  @Inject ClientActivity clients;

  public KafkaClientActivity() {}

  /** For tests. */
  public KafkaClientActivity(ClientActivity clients) {
    this.clients = clients;
  }

  /** {@code records} records of {@code bytes} bytes were appended to {@code topic}. */
  public void produced(KafkaSession session, String topic, int records, long bytes) {
    clients.produced(identity(ClientKind.PRODUCER, session), topic, records, bytes);
  }

  /**
   * A fetch returned {@code records} records (possibly none) of {@code bytes} bytes from {@code
   * topics}; {@code group} is the consumer's group when the connection named one (null otherwise).
   */
  public void fetched(
      KafkaSession session, String group, Collection<String> topics, int records, long bytes) {
    clients.consumed(identity(ClientKind.CONSUMER, session), group, topics, records, bytes);
  }

  static ClientIdentity identity(ClientKind kind, KafkaSession session) {
    String principal = session.userName();
    String clientId = session.clientId();
    return new ClientIdentity(
        kind,
        principal.isEmpty() ? null : principal,
        clientId.isEmpty() ? null : clientId,
        session.address());
  }
}
