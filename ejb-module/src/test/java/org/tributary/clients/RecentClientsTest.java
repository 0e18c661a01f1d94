package org.tributary.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentClientsTest {

  private static final ClientIdentity HTTP_PRODUCER =
      new ClientIdentity(ClientKind.PRODUCER, null, null, "10.0.0.1");
  private static final ClientIdentity INSTANCE =
      new ClientIdentity(ClientKind.CONSUMER, null, "instance-1", "10.0.0.2");

  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final RecentClients clients = new RecentClients(clock, 100, Duration.ofMinutes(15));

  @Test
  void aProducerAccumulatesTopicsTotalsAndRate() {
    clients.produced(HTTP_PRODUCER, "orders", 30, 3_000);
    clock.advance(Duration.ofSeconds(10));
    clients.produced(HTTP_PRODUCER, "payments", 30, 3_000);

    ClientView view = clients.recent().get(0);
    assertEquals(ClientKind.PRODUCER, view.kind());
    assertEquals("10.0.0.1", view.address());
    assertEquals(Set.of("orders", "payments"), view.topics());
    assertEquals(60, view.totalRecords());
    assertEquals(1.0, view.recordsPerSecond(), 1e-9);
    assertEquals(100.0, view.bytesPerSecond(), 1e-9);
    assertEquals(clock.instant(), view.lastActivity());
    assertNull(view.group());
    assertEquals("anonymous", view.who());
  }

  @Test
  void anEmptyPollKeepsAConsumerActiveWithItsTopics() {
    clients.consumed(INSTANCE, "billing", List.of("orders"), 0, 0);

    ClientView view = clients.recent().get(0);
    assertEquals("billing", view.group());
    assertEquals(Set.of("orders"), view.topics());
    assertEquals(0, view.totalRecords());
    assertEquals("instance-1", view.who());
  }

  @Test
  void theSameInstanceInTwoGroupsIsTwoClients() {
    clients.consumed(INSTANCE, "billing", List.of("orders"), 1, 10);
    clients.consumed(INSTANCE, "audit", List.of("orders"), 1, 10);

    assertEquals(2, clients.recent().size());
  }

  @Test
  void recentListsTheMostRecentlyActiveFirst() {
    clients.produced(HTTP_PRODUCER, "orders", 1, 1);
    clock.advance(Duration.ofSeconds(1));
    clients.consumed(INSTANCE, "billing", List.of("orders"), 1, 1);
    clock.advance(Duration.ofSeconds(1));
    clients.produced(
        new ClientIdentity(ClientKind.PRODUCER, "alice", null, "10.0.0.3"), "orders", 1, 1);

    assertEquals(
        List.of("alice", "instance-1", "anonymous"),
        clients.recent().stream().map(ClientView::who).toList());
  }

  @Test
  void brokerRatesAddUpProducersAndConsumersSeparately() {
    clients.produced(HTTP_PRODUCER, "orders", 120, 1_200);
    clients.produced(
        new ClientIdentity(ClientKind.PRODUCER, null, "orders-app", ClientIdentity.IN_PROCESS),
        "orders",
        60,
        600);
    clients.consumed(INSTANCE, "billing", List.of("orders"), 30, 300);

    BrokerRates rates = clients.rates();
    assertEquals(3.0, rates.producedRecordsPerSecond(), 1e-9);
    assertEquals(30.0, rates.producedBytesPerSecond(), 1e-9);
    assertEquals(0.5, rates.consumedRecordsPerSecond(), 1e-9);
    assertEquals(5.0, rates.consumedBytesPerSecond(), 1e-9);
  }

  @Test
  void clientsIdleLongerThanTheLimitAreHiddenThenForgotten() {
    clients.produced(HTTP_PRODUCER, "orders", 1, 1);
    clock.advance(Duration.ofMinutes(10));
    clients.consumed(INSTANCE, "billing", List.of("orders"), 1, 1);
    clock.advance(Duration.ofMinutes(6));

    assertEquals(List.of("instance-1"), clients.recent().stream().map(ClientView::who).toList());
    assertEquals(2, clients.size());

    clients.forgetIdle();

    assertEquals(1, clients.size());
  }

  @Test
  void pastTheCapacityTheLeastRecentlyActiveAreEvicted() {
    for (int i = 0; i < 100; i++) {
      clients.produced(address(i), "orders", 1, 1);
      clock.advance(Duration.ofMillis(10));
    }
    // The oldest becomes the most recent, so it survives.
    clients.produced(address(0), "orders", 1, 1);
    clock.advance(Duration.ofMillis(10));

    clients.produced(address(100), "orders", 1, 1);

    assertTrue(clients.size() <= 90, () -> "size " + clients.size());
    List<String> kept = clients.recent().stream().map(ClientView::address).toList();
    assertTrue(kept.contains("10.1.0.100"), kept::toString);
    assertTrue(kept.contains("10.1.0.0"), kept::toString);
    assertTrue(kept.contains("10.1.0.99"), kept::toString);
    assertTrue(!kept.contains("10.1.0.1"), kept::toString);
  }

  @Test
  void aFloodOfDistinctAddressesStaysWithinTheCapacity() {
    for (int i = 0; i < 10_000; i++) {
      clients.produced(address(i), "orders", 1, 1);
    }

    assertTrue(clients.size() <= 100, () -> "size " + clients.size());
  }

  private static ClientIdentity address(int i) {
    return new ClientIdentity(ClientKind.PRODUCER, null, null, "10.1.0." + i);
  }

  /** A clock the test moves forward. */
  private static final class MovingClock extends Clock {

    private Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
