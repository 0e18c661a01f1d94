package org.tributary.example.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order in the app's own table. */
@Entity
@Table(name = "example_order")
public class Order {

  /** CREATED when stored, CONFIRMED once the listener has seen its order-created event. */
  public enum Status {
    CREATED,
    CONFIRMED
  }

  @Id private String id;
  private String item;
  private int quantity;
  private Status status;

  protected Order() {}

  Order(String id, String item, int quantity) {
    this.id = id;
    this.item = item;
    this.quantity = quantity;
    this.status = Status.CREATED;
  }

  void confirm() {
    status = Status.CONFIRMED;
  }

  OrderView view() {
    return new OrderView(id, item, quantity, status.name());
  }
}
