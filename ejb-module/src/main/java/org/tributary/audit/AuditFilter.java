package org.tributary.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * Which entries of the trail to list; every field is optional (null: any). Times are a half-open
 * range, {@code since} included, {@code until} excluded.
 *
 * @param actions the actions wanted ({@link AuditAction#matching}); null or empty: all
 * @param actor who made the change
 * @param topic the topic changed (or whose records or offsets were)
 * @param group the consumer group changed
 */
public record AuditFilter(
    Set<AuditAction> actions,
    String actor,
    String topic,
    String group,
    Instant since,
    Instant until) {

  public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

  private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  public AuditFilter {
    requireMillis("since", since);
    requireMillis("until", until);
    if (since != null && until != null && !since.isBefore(until)) {
      throw new TributaryException(
          ErrorCode.INVALID_FILTER,
          "The time range is empty: 'since' ("
              + since
              + ") must be before 'until' ("
              + until
              + ").");
    }
    actions = actions == null ? Set.of() : Set.copyOf(actions);
    actor = blankToNull(actor);
    topic = blankToNull(topic);
    group = blankToNull(group);
  }

  /** This filter as a JPQL query over {@code AuditEntry e}, newest first, below a page token. */
  Query query(Long belowId) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (!actions.isEmpty()) {
      conditions.add("e.action IN :actions");
      parameters.put("actions", actions.stream().map(AuditAction::label).sorted().toList());
    }
    condition(conditions, parameters, "e.actor = :actor", "actor", actor);
    condition(conditions, parameters, "e.topic = :topic", "topic", topic);
    condition(conditions, parameters, "e.groupId = :group", "group", group);
    condition(conditions, parameters, "e.at >= :since", "since", millis(since));
    condition(conditions, parameters, "e.at < :until", "until", millis(until));
    condition(conditions, parameters, "e.id < :below", "below", belowId);
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return new Query("SELECT e FROM AuditEntry e" + where + " ORDER BY e.id DESC", parameters);
  }

  /** The entry id a page token continues below. */
  static Long belowId(String pageToken) {
    if (pageToken == null || pageToken.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(pageToken.trim());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException notOne) {
      // refused below
    }
    throw new TributaryException(
        ErrorCode.INVALID_FILTER,
        "The page token '"
            + pageToken
            + "' is not one this server gave: use the 'next' link of the previous page.");
  }

  private static void condition(
      List<String> conditions,
      Map<String, Object> parameters,
      String condition,
      String name,
      Object value) {
    if (value != null) {
      conditions.add(condition);
      parameters.put(name, value);
    }
  }

  /** Entries are stored at epoch milliseconds; a time beyond them matches nothing comparable. */
  private static void requireMillis(String name, Instant instant) {
    if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
      throw new TributaryException(
          ErrorCode.INVALID_FILTER,
          "'" + name + "' (" + instant + ") is beyond what epoch milliseconds can hold.");
    }
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** A JPQL query and its parameters. */
  record Query(String jpql, Map<String, Object> parameters) {}
}
