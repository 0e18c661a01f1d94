package org.tributary.console.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditFilter;
import org.tributary.audit.AuditPage;
import org.tributary.audit.AuditTrail;
import org.tributary.audit.AuditView;
import org.tributary.console.navigation.DateTimeInput;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.CurrentUser;

/**
 * Backs the audit page: the trail of changes, newest first, filtered by the page's query parameters
 * (so a filtered view is a link) and paged by the trail's page token. Only admins see it.
 */
@Named
@RequestScoped
public class AuditLog {

  static final int PAGE_SIZE = 50;

  @Inject AuditTrail trail;
  @Inject CurrentUser currentUser;

  private String kind;
  private String user;
  private String topic;
  private String group;
  private String since;
  private String until;
  private String page;
  private AuditPage shown;

  public List<AuditView> getRows() {
    return shown().entries();
  }

  /** The link to the next (older) page with the same filters, relative; null on the last page. */
  public String getNextPage() {
    String token = shown().nextPageToken();
    if (token == null) {
      return null;
    }
    Map<String, String> next = new LinkedHashMap<>(filters());
    next.put("page", token);
    StringJoiner query = new StringJoiner("&", "?", "");
    next.forEach(
        (name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return query.toString();
  }

  /** The kinds to choose from: each family, then each action. */
  public List<String> getKinds() {
    List<String> kinds = new ArrayList<>();
    Arrays.stream(AuditAction.values()).map(AuditAction::family).distinct().forEach(kinds::add);
    Arrays.stream(AuditAction.values()).map(AuditAction::label).forEach(kinds::add);
    return kinds;
  }

  /** Reads the page the filters select, before the page renders (so a refusal is a message). */
  public void load() {
    shown = new AuditPage(List.of(), null);
    if (currentUser.isAdmin()) {
      Messages.reportingRefusals(() -> shown = trail.list(filter(), page, PAGE_SIZE));
    }
  }

  private AuditPage shown() {
    if (shown == null) {
      load();
    }
    return shown;
  }

  private AuditFilter filter() {
    return new AuditFilter(
        blank(kind) ? null : AuditAction.matching(kind),
        user,
        topic,
        group,
        time(since),
        time(until));
  }

  private Map<String, String> filters() {
    Map<String, String> filters = new LinkedHashMap<>();
    put(filters, "kind", kind);
    put(filters, "user", user);
    put(filters, "topic", topic);
    put(filters, "group", group);
    put(filters, "since", since);
    put(filters, "until", until);
    return filters;
  }

  private static void put(Map<String, String> filters, String name, String value) {
    if (!blank(value)) {
      filters.put(name, value);
    }
  }

  private static Instant time(String typed) {
    return blank(typed) ? null : DateTimeInput.parse(typed);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }

  public String getUntil() {
    return until;
  }

  public void setUntil(String until) {
    this.until = until;
  }

  public String getPage() {
    return page;
  }

  public void setPage(String page) {
    this.page = page;
  }
}
