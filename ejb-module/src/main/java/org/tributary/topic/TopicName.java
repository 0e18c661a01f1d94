package org.tributary.topic;

import java.util.regex.Pattern;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/** Kafka's rules for topic names: {@code [a-zA-Z0-9._-]{1,249}}, but not "." or "..". */
public final class TopicName {

  public static final int MAX_LENGTH = 249;
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

  private TopicName() {}

  public static String validate(String name) {
    if (name == null || name.isEmpty()) {
      throw invalid("Topic name must not be empty.");
    }
    if (name.equals(".") || name.equals("..")) {
      throw invalid("Topic name cannot be '.' or '..'.");
    }
    if (name.length() > MAX_LENGTH) {
      throw invalid(
          "Topic name is "
              + name.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed.");
    }
    if (!LEGAL.matcher(name).matches()) {
      throw invalid(
          "Topic name '"
              + name
              + "' is illegal: it may contain only ASCII letters, digits, '.', '_' and '-'.");
    }
    return name;
  }

  private static TributaryException invalid(String message) {
    return new TributaryException(ErrorCode.INVALID_TOPIC_EXCEPTION, message);
  }
}
