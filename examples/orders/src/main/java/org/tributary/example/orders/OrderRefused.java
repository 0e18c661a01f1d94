package org.tributary.example.orders;

import jakarta.ejb.ApplicationException;

/** A refused order; the container rolls the whole transaction back. */
@ApplicationException(rollback = true)
public class OrderRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OrderRefused(String message) {
    super(message);
  }
}
