package org.tributary.audit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * What an operator or app admin changed. The label is what the trail shows and filters by; its
 * first word is the family ({@code topic}, {@code records}, {@code offsets}, {@code group}, {@code
 * dlt}, {@code user}), which a filter may name to mean all of its actions.
 */
public enum AuditAction {
  TOPIC_CREATE("topic.create"),
  TOPIC_DELETE("topic.delete"),
  TOPIC_CONFIG("topic.config"),
  TOPIC_PARTITIONS("topic.partitions"),
  RECORDS_DELETE("records.delete"),
  OFFSETS_RESET("offsets.reset"),
  OFFSETS_RESET_UNDO("offsets.reset.undo"),
  GROUP_DELETE("group.delete"),
  GROUP_OFFSETS_DELETE("group.offsets.delete"),
  DLT_REDRIVE("dlt.redrive"),
  USER_CREATE("user.create"),
  USER_DELETE("user.delete"),
  USER_ROLES("user.roles"),
  USER_PASSWORD("user.password");

  private final String label;

  AuditAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String family() {
    return label.substring(0, label.indexOf('.'));
  }

  /** The action of a stored label; null for a label this version no longer knows. */
  static AuditAction ofLabel(String label) {
    return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst().orElse(null);
  }

  /**
   * The actions a filter's {@code kind} names: one label ({@code topic.config}) or a family ({@code
   * topic}); a refusal listing the kinds there are for anything else.
   */
  public static Set<AuditAction> matching(String kind) {
    String wanted = kind.trim().toLowerCase(Locale.ROOT);
    Set<AuditAction> found = EnumSet.noneOf(AuditAction.class);
    for (AuditAction action : values()) {
      if (action.label.equals(wanted) || action.family().equals(wanted)) {
        found.add(action);
      }
    }
    if (found.isEmpty()) {
      throw new TributaryException(
          ErrorCode.INVALID_FILTER,
          "Unknown audit kind '"
              + kind
              + "': use one of "
              + Arrays.stream(values()).map(AuditAction::label).collect(Collectors.joining(", "))
              + ", or a family (topic, records, offsets, group, dlt, user).");
    }
    return found;
  }
}
