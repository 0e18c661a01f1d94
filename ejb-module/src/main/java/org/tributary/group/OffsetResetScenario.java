package org.tributary.group;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * The scenarios of {@code kafka-consumer-groups --reset-offsets}, under the same names; the REST
 * API and the audit call the chosen one its {@code strategy}.
 */
public enum OffsetResetScenario {
  TO_EARLIEST("to-earliest"),
  TO_LATEST("to-latest"),
  TO_OFFSET("to-offset"),
  TO_DATETIME("to-datetime"),
  BY_DURATION("by-duration"),
  SHIFT_BY("shift-by"),
  /** Back to the offsets before an executed reset (Tributary's own; not a client strategy). */
  UNDO("undo");

  private final String label;

  OffsetResetScenario(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static OffsetResetScenario parse(String label) {
    return Arrays.stream(values())
        .filter(strategy -> strategy.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new TributaryException(
                    ErrorCode.INVALID_REQUEST,
                    "Unknown reset strategy '"
                        + label
                        + "'; use one of "
                        + Arrays.stream(values())
                            .map(OffsetResetScenario::label)
                            .collect(Collectors.joining(", "))
                        + "."));
  }
}
