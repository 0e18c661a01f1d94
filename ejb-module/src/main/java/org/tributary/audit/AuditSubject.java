package org.tributary.audit;

/**
 * What a change was made to: a topic, a consumer group (of a topic, for offset changes), or a user.
 * The trail is filtered by these.
 */
public record AuditSubject(String topic, String group, String user) {

  public static AuditSubject topic(String topic) {
    return new AuditSubject(topic, null, null);
  }

  public static AuditSubject group(String group) {
    return new AuditSubject(null, group, null);
  }

  /** A group's offsets of one topic. */
  public static AuditSubject groupTopic(String group, String topic) {
    return new AuditSubject(topic, group, null);
  }

  public static AuditSubject user(String user) {
    return new AuditSubject(null, null, user);
  }
}
