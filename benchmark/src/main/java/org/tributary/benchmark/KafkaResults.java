package org.tributary.benchmark;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The figures one target's cases produced, and why the failed cases did not. */
final class KafkaResults {

  /** A target this invocation left out. */
  static final KafkaResults NOT_RUN = new KafkaResults();

  private final Map<KafkaFigure, Double> figures = new EnumMap<>(KafkaFigure.class);
  private final Map<String, String> failures = new LinkedHashMap<>();

  void putAll(Map<KafkaFigure, Double> measured) {
    figures.putAll(measured);
  }

  void fail(String caseName, String reason) {
    failures.put(caseName, reason);
  }

  OptionalDouble get(KafkaFigure figure) {
    Double value = figures.get(figure);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** Case name to the reason it failed, in the order they ran. */
  Map<String, String> failures() {
    return failures;
  }
}
