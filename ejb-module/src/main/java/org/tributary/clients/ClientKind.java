package org.tributary.clients;

/** What a client does with the broker. */
public enum ClientKind {
  PRODUCER,
  CONSUMER
}
