package org.tributary.web.v2;

import java.time.Duration;
import org.tributary.consumer.Consumer;

/**
 * A REST Proxy consumer instance: a core consumer plus what only HTTP needs, its name, embedded
 * format, request timeout, and when a request last used it.
 */
final class ConsumerInstance {

  private final String group;
  private final String name;
  private final EmbeddedFormat format;
  private final Duration requestTimeout;
  private final Duration idleTimeout;
  private final Consumer consumer;
  private volatile long lastUsedNanos = System.nanoTime();

  ConsumerInstance(
      String group,
      String name,
      EmbeddedFormat format,
      Duration requestTimeout,
      Duration idleTimeout,
      Consumer consumer) {
    this.group = group;
    this.name = name;
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

  boolean idleLongerThanItsTimeout(long nowNanos) {
    return nowNanos - lastUsedNanos > idleTimeout.toNanos();
  }
}
