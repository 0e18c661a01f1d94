package org.tributary.kafka.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** What the admin APIs' requests share: Kafka refuses an entry named twice in one request. */
final class AdminRequests {

  private AdminRequests() {}

  /** How often each name occurs among the entries. */
  static <T> Map<String, Integer> countNames(Iterable<T> entries, Function<T, String> name) {
    Map<String, Integer> counts = new HashMap<>();
    for (T entry : entries) {
      counts.merge(name.apply(entry), 1, Integer::sum);
    }
    return counts;
  }
}
