package org.tributary.web.v2;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.tributary.consumer.GroupConsumer;

/**
 * A REST Proxy consumer instance: a core consumer plus what only HTTP needs, its name, the
 * principal that created it, embedded format, request timeout, and when a request last used it.
 */
final class ConsumerInstance {

  private final String group;
  private final String name;
  private final String owner;
  private final EmbeddedFormat format;
  private final Duration requestTimeout;
  private final Duration idleTimeout;
  private final GroupConsumer consumer;
  private volatile long lastUsedNanos = System.nanoTime();
  private final AtomicInteger pollsWaiting = new AtomicInteger();

  ConsumerInstance(
      String group,
      String name,
      String owner,
      EmbeddedFormat format,
      Duration requestTimeout,
      Duration idleTimeout,
      GroupConsumer consumer) {
    this.group = group;
    this.name = name;
    this.owner = owner;
    this.format = format;
    this.requestTimeout = requestTimeout;
    this.idleTimeout = idleTimeout;
    this.consumer = consumer;
  }

  String group() {
    return group;
  }

  String name() {
    return name;
  }

  /**
   * The principal that created the instance; only it (and admins) may use it, and it counts against
   * that user's cap.
   */
  String owner() {
    return owner;
  }

  EmbeddedFormat format() {
    return format;
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  GroupConsumer consumer() {
    return consumer;
  }

  void touch() {
    lastUsedNanos = System.nanoTime();
  }

  /** A records request is waiting: the instance is in use however long that takes. */
  void pollStarted() {
    pollsWaiting.incrementAndGet();
  }

  void pollEnded() {
    touch();
    pollsWaiting.decrementAndGet();
  }

  boolean idleLongerThanItsTimeout(long nowNanos) {
    return pollsWaiting.get() == 0 && nowNanos - lastUsedNanos > idleTimeout.toNanos();
  }
}
