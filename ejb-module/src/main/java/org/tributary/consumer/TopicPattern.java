package org.tributary.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * A subscription pattern, matched against whole topic names. A regular expression can backtrack for
 * minutes on a short input, so each match runs within a step budget, and a pattern that exhausts it
 * counts as not matching; each topic name is matched once.
 */
final class TopicPattern {

  static final int MAX_LENGTH = 1000;
  private static final int MAX_STEPS_PER_NAME = 100_000;

  private final Pattern pattern;
  private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

  private TopicPattern(Pattern pattern) {
    this.pattern = pattern;
  }

  static TopicPattern compile(String regex) {
    if (regex == null || regex.isEmpty() || regex.length() > MAX_LENGTH) {
      throw invalid("A topic pattern must be 1 to " + MAX_LENGTH + " characters.");
    }
    try {
      return new TopicPattern(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw invalid("The topic pattern is not a valid regular expression: " + e.getDescription());
    }
  }

  boolean matches(String topic) {
    return verdicts.computeIfAbsent(topic, this::matchWithinBudget);
  }

  private boolean matchWithinBudget(String topic) {
    try {
      return pattern.matcher(new BudgetedChars(topic, new int[] {MAX_STEPS_PER_NAME})).matches();
    } catch (BudgetExhausted e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return pattern.pattern();
  }

  private static TributaryException invalid(String message) {
    return new TributaryException(ErrorCode.INVALID_REQUEST, message);
  }

  private static final class BudgetExhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExhausted() {
      super(null, null, false, false);
    }
  }

  /** The topic name, counting every character the regex engine looks at. */
  private record BudgetedChars(String text, int[] stepsLeft) implements CharSequence {

    @Override
    public char charAt(int index) {
      if (--stepsLeft[0] < 0) {
        throw new BudgetExhausted();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedChars(text.substring(start, end), stepsLeft);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
