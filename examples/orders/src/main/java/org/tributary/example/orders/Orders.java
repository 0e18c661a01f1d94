package org.tributary.example.orders;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import org.tributary.api.TributaryContext;

/**
 * Orders: each one stored in the app's table and announced on {@value #TOPIC} in the same JTA
 * transaction, so there is never an order without its event, nor an event without its order.
 */
@Stateless
public class Orders {

  static final String TOPIC = "order-created";

  @PersistenceContext(unitName = "orders")
  EntityManager em;

  @Inject TributaryContext tributary;

  public OrderView create(String item, int quantity, boolean failAfterPublishing) {
    Order order = new Order(UUID.randomUUID().toString(), item, quantity);
    em.persist(order);
    tributary
        .createProducer()
        .send(TOPIC, order.view().id(), new OrderCreated(order.view().id(), item, quantity));
    if (failAfterPublishing) {
      // Shows the rollback: neither the row nor the event survives this.
      throw new OrderRefused("Order refused after publishing, as asked; nothing was kept.");
    }
    return order.view();
  }

  public Optional<OrderView> find(String id) {
    return Optional.ofNullable(em.find(Order.class, id)).map(Order::view);
  }

  public void confirm(String id) {
    Order order = em.find(Order.class, id);
    if (order != null) {
      order.confirm();
    }
  }
}
