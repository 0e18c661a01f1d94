package org.tributary.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change in the audit trail, as stored; see {@link AuditTrail}. */
@Entity
@Table(
    name = "tributary_audit",
    indexes = {
      @Index(name = "tributary_audit_at", columnList = "recorded_at_ms"),
      @Index(name = "tributary_audit_topic", columnList = "topic"),
      @Index(name = "tributary_audit_group", columnList = "group_id")
    })
@NamedQuery(
    name = AuditEntry.OLDEST_BEFORE,
    query = "SELECT e.id FROM AuditEntry e WHERE e.at < :cutoff ORDER BY e.id")
@NamedQuery(
    name = AuditEntry.DELETE_RANGE,
    query = "DELETE FROM AuditEntry e WHERE e.id BETWEEN :first AND :last AND e.at < :cutoff")
public class AuditEntry {

  static final String OLDEST_BEFORE = "AuditEntry.oldestBefore";
  static final String DELETE_RANGE = "AuditEntry.deleteRange";

  /** Longer before/after JSON is cut here (the trail is for people, not a backup). */
  static final int JSON_LENGTH = 8000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** Epoch milliseconds: EclipseLink would store an {@code Instant} as a serialized blob. */
  @Column(name = "recorded_at_ms", nullable = false)
  private long at;

  @Column(name = "audit_action", nullable = false, length = 40)
  private String action;

  @Column(name = "actor", nullable = false, length = 255)
  private String actor;

  @Column(name = "origin", length = 255)
  private String origin;

  @Column(name = "topic", length = 249)
  private String topic;

  @Column(name = "group_id", length = 255)
  private String groupId;

  @Column(name = "subject_user", length = 255)
  private String user;

  @Column(name = "before_json", length = JSON_LENGTH)
  private String before;

  @Column(name = "after_json", length = JSON_LENGTH)
  private String after;

  protected AuditEntry() {}

  AuditEntry(
      Instant at,
      AuditAction action,
      String actor,
      String origin,
      AuditSubject subject,
      String before,
      String after) {
    this.at = at.toEpochMilli();
    this.action = action.label();
    this.actor = cut(actor, 255);
    this.origin = cut(origin, 255);
    this.topic = subject.topic();
    this.groupId = subject.group();
    this.user = subject.user();
    this.before = before;
    this.after = after;
  }

  AuditView view() {
    return new AuditView(
        id,
        Instant.ofEpochMilli(at),
        action,
        actor,
        origin,
        new AuditSubject(topic, groupId, user),
        before,
        after);
  }

  private static String cut(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }
}
