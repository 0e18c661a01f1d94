package org.tributary.rar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.listener.Delivery;

class EndpointDeliveryTest {

  private static final ReceivedRecord RECORD =
      new ReceivedRecord("payments", 1, 7, 0L, null, "12.50".getBytes(), List.of());

  private final FakeContainer transacted = new FakeContainer(true);

  private Runnable offsetCommit(FakeContainer container) {
    return () -> container.inTransaction(() -> container.events.add("offset stored"));
  }

  @Test
  void aTransactedDeliveryCommitsTheOffsetAndTheBeansWorkInOneTransaction() throws Throwable {
    transacted.bean(record -> transacted.writeRow("row " + record.offset()));

    new EndpointDelivery(transacted, true, transacted).deliver(RECORD, offsetCommit(transacted));

    assertEquals(
        List.of("before", "onRecord 1@7", "offset stored", "committed", "release"),
        transacted.events);
    assertEquals(List.of("row 7"), transacted.rows);
  }

  @Test
  void aBeanThatThrowsRollsBackItsRowAndTheOffsetAndItsExceptionComesOutUnwrapped() {
    transacted.bean(
        record -> {
          transacted.writeRow("row");
          throw new IllegalArgumentException("Not an amount");
        });

    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EndpointDelivery(transacted, true, transacted)
                    .deliver(RECORD, offsetCommit(transacted)));

    assertEquals("Not an amount", thrown.getMessage());
    assertEquals(List.of("before", "onRecord 1@7", "rolled back", "release"), transacted.events);
    assertEquals(List.of(), transacted.rows);
  }

  @Test
  void aBeanThatAsksForARollbackFailsTheAttemptAndKeepsNothing() {
    transacted.bean(
        record -> {
          transacted.writeRow("row");
          transacted.setRollbackOnly();
        });

    assertThrows(
        EndpointDelivery.RolledBack.class,
        () ->
            new EndpointDelivery(transacted, true, transacted)
                .deliver(RECORD, offsetCommit(transacted)));

    assertEquals(List.of("before", "onRecord 1@7", "rolled back", "release"), transacted.events);
    assertEquals(List.of(), transacted.rows);
  }

  @Test
  void aRefusedOffsetCommitSkipsTheBeanAndRollsBack() {
    IllegalStateException rebalanced = new IllegalStateException("partition moved");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                new EndpointDelivery(transacted, true, transacted)
                    .deliver(
                        RECORD,
                        () -> {
                          throw rebalanced;
                        }));

    assertEquals(rebalanced, thrown);
    assertEquals(List.of("before", "rolled back", "release"), transacted.events);
  }

  @Test
  void aDeliveryThatIsNotTransactedOnlyCallsTheBeanAndLeavesTheCommitToTheLoop() throws Throwable {
    FakeContainer container = new FakeContainer(false);

    new EndpointDelivery(container, false, container).deliver(RECORD, offsetCommit(container));

    assertEquals(List.of("onRecord 1@7", "release"), container.events);
  }

  @Test
  void anEndpointThatCannotBeHadMakesNoAttempt() {
    transacted.unavailable = true;

    assertThrows(
        Delivery.Unavailable.class,
        () ->
            new EndpointDelivery(transacted, true, transacted)
                .deliver(RECORD, offsetCommit(transacted)));
    assertEquals(List.of(), transacted.events);
  }

  @Test
  void anEndpointTheContainerFailsToCreateMakesNoAttempt() {
    transacted.createFailure = new IllegalStateException("the application is stopping");

    assertThrows(
        Delivery.Unavailable.class,
        () ->
            new EndpointDelivery(transacted, true, transacted)
                .deliver(RECORD, offsetCommit(transacted)));
    assertEquals(List.of(), transacted.events);
  }

  @Test
  void aTransactionThatCannotBeginMakesNoAttemptAndReleasesTheEndpoint() {
    transacted.beforeDeliveryFailures.set(1);
    Runnable offsetCommit = () -> transacted.events.add("offset stored");

    assertThrows(
        Delivery.Unavailable.class,
        () -> new EndpointDelivery(transacted, true, transacted).deliver(RECORD, offsetCommit));
    assertEquals(List.of("before failed", "release"), transacted.events);
  }

  @Test
  void theListenerIsNamedAfterTheBean() {
    assertEquals("LedgerBean.onRecord", new EndpointDelivery(transacted, true, transacted).name());
  }
}
