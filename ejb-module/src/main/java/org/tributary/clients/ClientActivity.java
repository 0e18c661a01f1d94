package org.tributary.clients;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The producers and consumers seen recently, and the broker's rates, for the admin console. The
 * HTTP resources and the facade report each successful produce and each poll (empty ones too).
 *
 * <p>Bean-managed concurrency: this is on the path of every produce and poll, and its state is a
 * concurrent map with a monitor per client, so a container lock would only serialise all clients.
 * {@code SUPPORTS}: it touches no resource, so it neither starts nor suspends a transaction.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ClientActivity {

  private static final Logger LOG = Logger.getLogger(ClientActivity.class.getName());

  static final int MAX_CLIENTS = 10_000;
  static final Duration IDLE_LIMIT = Duration.ofMinutes(15);

  private final RecentClients clients =
      new RecentClients(Clock.systemUTC(), MAX_CLIENTS, IDLE_LIMIT);

  /** {@code records} records of {@code bytes} bytes (keys and values) were appended. */
  public void produced(ClientIdentity who, String topic, int records, long bytes) {
    counted(() -> clients.produced(who, topic, records, bytes));
  }

  /**
   * A poll returned {@code records} records (possibly none) from {@code topics}.
   *
   * @param group null for a manually assigned consumer
   */
  public void consumed(
      ClientIdentity who, String group, Collection<String> topics, int records, long bytes) {
    counted(() -> clients.consumed(who, group, topics, records, bytes));
  }

  /** Records are appended or delivered whatever happens here: a failure to count is only logged. */
  private static void counted(Runnable count) {
    try {
      count.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record client activity", e);
    }
  }

  /** The clients active in the last 15 minutes, most recently active first. */
  public List<ClientView> recent() {
    return clients.recent();
  }

  public BrokerRates rates() {
    return clients.rates();
  }

  @Schedule(hour = "*", minute = "*", persistent = false)
  void forgetIdle() {
    clients.forgetIdle();
  }
}
