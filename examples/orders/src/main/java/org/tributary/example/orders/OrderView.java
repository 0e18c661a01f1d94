package org.tributary.example.orders;

/** An order as the HTTP API shows it. */
public record OrderView(String id, String item, int quantity, String status) {}
