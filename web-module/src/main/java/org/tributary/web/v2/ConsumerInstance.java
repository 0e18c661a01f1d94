package org.tributary.web.v2;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.tributary.consumer.Consumer;

/**
 * A REST Proxy consumer instance: a core consumer plus what only HTTP needs, its name, embedded
 * format, request timeout, its creator, and when a request last used it.
 */
final class ConsumerInstance {

  private final String group;
  private final String name;
  private final EmbeddedFormat format;
  private final Duration requestTimeout;
  private final Duration idleTimeout;
  private final Consumer consumer;
  private final String user;
  private volatile long lastUsedNanos = System.nanoTime();
  private final AtomicInteger pollsWaiting = new AtomicInteger();

  ConsumerInstance(
      String group,
      String name,
      EmbeddedFormat format,
      Duration requestTimeout,
      Duration idleTimeout,
      Consumer consumer,
      String user) {
    this.group = group;
    this.name = name;
    this.format = format;
    this.requestTimeout = requestTimeout;
    this.idleTimeout = idleTimeout;
    this.consumer = consumer;
    this.user = user;
  }

  /** Who created it (counts against their cap). */
  String user() {
    return user;
  }

  String group() {
    return group;
  }

  String name() {
    return name;
  }

  EmbeddedFormat format() {
    return format;
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  Consumer consumer() {
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
