package org.tributary.clients;

import jakarta.enterprise.context.ApplicationScoped;
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
 * <p>A CDI bean, not an EJB: it is on the path of every produce and poll, touches no resource and
 * needs no container service, and an EJB call costs more than the counting. Its state is a
 * concurrent map with a monitor per client; clients idle past the limit are forgotten whenever the
 * views are read, and the least recently active when there are too many.
 */
@ApplicationScoped
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
    clients.forgetIdle();
    return clients.recent();
  }

  public BrokerRates rates() {
    clients.forgetIdle();
    return clients.rates();
  }
}
