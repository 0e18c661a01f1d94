package org.tributary.console.messages;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/** The browser's filter form: a field (with a header name or JSON path), an operator, a text. */
public class BrowseFilter implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What the regular expressions of one page may take, over all the records it scans. */
  static final Duration REGEX_BUDGET = Duration.ofSeconds(2);

  private RecordFilter.Field field = RecordFilter.Field.ANY;
  private String name;
  private RecordFilter.Operator operator = RecordFilter.Operator.CONTAINS;
  private String text;

  /** Whether a filter is set (a text to compare with). */
  public boolean isActive() {
    return text != null && !text.isEmpty();
  }

  /** The records to show; every record when no filter is set. */
  Predicate<ShownRecord> matcher() {
    if (!isActive()) {
      return r -> true;
    }
    String compared = operator == RecordFilter.Operator.REGEX ? text : text.strip();
    return RecordFilter.of(field, name, operator, compared, Clock.systemUTC(), REGEX_BUDGET)
        .matcher();
  }

  public RecordFilter.Field getField() {
    return field;
  }

  public void setField(RecordFilter.Field field) {
    this.field = field == null ? RecordFilter.Field.ANY : field;
  }

  /** The header's name or the JSON path the filter looks at. */
  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public RecordFilter.Operator getOperator() {
    return operator;
  }

  public void setOperator(RecordFilter.Operator operator) {
    this.operator = operator == null ? RecordFilter.Operator.CONTAINS : operator;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }
}
