package org.tributary.console.messages;

import java.time.Clock;

/**
 * Text that a regular expression runs over, which stops the match once a deadline has passed: the
 * matcher reads every character through {@link #charAt}, so a pattern that backtracks without end
 * (such as {@code (a+)+$} on a long value) fails with {@link Expired} instead of holding the
 * request's thread. The clock is read every {@value #CHECK_EVERY} characters.
 */
final class DeadlineText implements CharSequence {

  static final int CHECK_EVERY = 1024;

  /** The deadline passed while a match was running. */
  static final class Expired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Expired() {
      super(null, null, false, false);
    }
  }

  private final CharSequence text;
  private final Clock clock;
  private final long deadlineMillis;
  private int reads;

  DeadlineText(CharSequence text, Clock clock, long deadlineMillis) {
    this.text = text;
    this.clock = clock;
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public char charAt(int index) {
    if (++reads >= CHECK_EVERY) {
      reads = 0;
      if (clock.millis() > deadlineMillis) {
        throw new Expired();
      }
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new DeadlineText(text.subSequence(start, end), clock, deadlineMillis);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
