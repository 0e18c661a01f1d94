package org.tributary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

public final class Refusals {

  private Refusals() {}

  /**
   * Asserts that {@code call} is refused with {@code code}; returns the refusal to check further.
   */
  public static TributaryException assertRefused(ErrorCode code, Executable call) {
    TributaryException refused = assertThrows(TributaryException.class, call);
    assertEquals(code, refused.code(), refused::getMessage);
    return refused;
  }
}
