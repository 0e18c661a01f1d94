package org.tributary.benchmark;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The v2 consumer instances of one group, deleted together on close so that a run, failed or not,
 * leaves no member behind in the group.
 */
final class ConsumerInstances implements AutoCloseable {

  private final TributaryClient client;
  private final String group;
  private final List<URI> created = new ArrayList<>();

  ConsumerInstances(TributaryClient client, String group) {
    this.client = client;
    this.group = group;
  }

  /** Creates an instance named {@code name} and subscribes it to the topic; its base URI. */
  URI subscribed(String name, String autoOffsetReset, String topic) {
    URI instance = client.createConsumer(group, name, autoOffsetReset);
    created.add(instance);
    client.subscribe(instance, topic);
    return instance;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (URI instance : created) {
      try {
        client.deleteConsumer(instance);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
