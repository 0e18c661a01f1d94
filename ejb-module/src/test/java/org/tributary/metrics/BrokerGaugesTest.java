package org.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

class BrokerGaugesTest {

  private static MetricID lagOf(String group, int partition) {
    return new MetricID(
        "tributary.consumer.group.lag",
        new Tag("group", group),
        new Tag("topic", "orders"),
        new Tag("partition", "" + partition));
  }

  @Test
  void lagGaugesAreCappedKeepingTheLargestLags() {
    Map<MetricID, Long> lags = new HashMap<>();
    for (int g = 0; g < 5_000; g++) {
      lags.put(lagOf("g" + g, 0), (long) g % 7);
    }
    lags.put(lagOf("behind", 0), 1_000L);
    lags.put(lagOf("behind", 1), 999L);

    Map<MetricID, Long> kept = BrokerGauges.largest(lags, 1_000);

    assertEquals(1_000, kept.size());
    assertEquals(1_000L, kept.get(lagOf("behind", 0)));
    assertEquals(999L, kept.get(lagOf("behind", 1)));
    assertEquals(Set.of(6L, 5L, 1_000L, 999L), Set.copyOf(kept.values()));
  }

  @Test
  void underTheCapEveryLagHasItsGauge() {
    Map<MetricID, Long> lags = Map.of(lagOf("a", 0), 3L, lagOf("b", 0), 0L);
    assertEquals(lags, BrokerGauges.largest(lags, 1_000));
  }
}
