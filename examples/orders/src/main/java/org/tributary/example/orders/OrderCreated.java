package org.tributary.example.orders;

/** The event published when an order is stored; a JSON value on topic order-created. */
public record OrderCreated(String orderId, String item, int quantity) {}
