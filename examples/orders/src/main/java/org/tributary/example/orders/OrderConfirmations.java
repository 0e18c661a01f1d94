package org.tributary.example.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.tributary.api.OnRecord;

/** Reacts to order-created events: marks the order confirmed. */
@ApplicationScoped
public class OrderConfirmations {

  @Inject Orders orders;

  @OnRecord(topic = Orders.TOPIC, group = "order-confirmations")
  public void onOrderCreated(OrderCreated event) {
    orders.confirm(event.orderId());
  }
}
