package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBTransactionRequiredException;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditFilter;
import org.tributary.audit.AuditRetention;
import org.tributary.audit.AuditSubject;
import org.tributary.audit.AuditTrail;
import org.tributary.audit.AuditView;
import org.tributary.errors.TributaryException;
import org.tributary.security.Users;
import org.tributary.topic.TopicCatalog;

/**
 * The audit trail on the real server and database: an entry commits or rolls back with the
 * transaction it is recorded in, a refused change leaves none, the request's address reaches the
 * core, and retention removes old entries.
 */
@ExtendWith(ArquillianExtension.class)
class AuditTrailInServerIT {

  @Inject AuditTrail trail;
  @Inject AuditRetention retention;
  @Inject TopicCatalog topics;
  @Inject Users users;
  @Inject UserTransaction transaction;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource database;

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private List<AuditView> ofTopic(String topic) {
    return trail.list(new AuditFilter(null, null, topic, null, null, null), null, 100).entries();
  }

  @Test
  void anEntryRecordedInATransactionThatRollsBackIsNotThere() throws Exception {
    String topic = unique("audit-rollback");
    transaction.begin();
    try {
      trail.record(
          AuditAction.TOPIC_CONFIG,
          AuditSubject.topic(topic),
          Map.of("retention.ms", "1"),
          Map.of("retention.ms", "2"));
      assertEquals(1, ofTopic(topic).size(), "seen inside its transaction");
    } finally {
      transaction.rollback();
    }
    assertEquals(List.of(), ofTopic(topic));

    transaction.begin();
    trail.record(AuditAction.TOPIC_CONFIG, AuditSubject.topic(topic), null, Map.of("a", "b"));
    transaction.commit();
    assertEquals(1, ofTopic(topic).size(), "and committed with it");
  }

  @Test
  void recordingOutsideATransactionIsRefused() {
    assertThrows(
        EJBTransactionRequiredException.class,
        () -> trail.record(AuditAction.TOPIC_DELETE, AuditSubject.topic("x"), null, null));
  }

  @Test
  void aRefusedChangeLeavesNoEntry() {
    String name = unique("audit-refused");
    users.create(name, "a-long-enough-password-" + name, Set.of("viewer"), false);
    assertThrows(TributaryException.class, () -> users.setRoles(name, Set.of("viewer", "root")));
    List<AuditView> entries =
        trail
            .list(
                new AuditFilter(AuditAction.matching("user"), null, null, null, null, null),
                null,
                1000)
            .entries()
            .stream()
            .filter(e -> name.equals(e.subject().user()))
            .toList();
    assertEquals(List.of("user.create"), entries.stream().map(AuditView::action).toList());
  }

  @Test
  void aChangeInARequestWithoutSignInIsAnonymousFromTheRequestsAddress() throws Exception {
    // Arquillian's test runner is an HTTP request that signs nobody in.
    String topic = unique("audit-inprocess");
    topics.create(topic, 1, Map.of());
    List<AuditView> entries = ofTopic(topic);
    assertEquals(1, entries.size(), entries::toString);
    AuditView created = entries.get(0);
    assertEquals("topic.create", created.action());
    assertEquals("anonymous", created.actor());
    assertTrue(InetAddress.getByName(created.origin()).isLoopbackAddress(), created::toString);
    assertEquals(null, created.before());
    assertEquals("{\"partitions\":1,\"configs\":{}}", created.after());
  }

  @Test
  void retentionRemovesEntriesOlderThanItAndKeepsTheRest() throws Exception {
    String topic = unique("audit-retention");
    transaction.begin();
    trail.record(AuditAction.TOPIC_CREATE, AuditSubject.topic(topic), null, Map.of("n", 1));
    trail.record(AuditAction.TOPIC_DELETE, AuditSubject.topic(topic), Map.of("n", 1), null);
    transaction.commit();
    // (Entries of one transaction may be inserted in any order: find the one to age by its kind.)
    long oldId =
        ofTopic(topic).stream()
            .filter(e -> e.action().equals("topic.create"))
            .findFirst()
            .orElseThrow()
            .id();
    // 91 days ago: past the default retention of 90 days.
    age(oldId, Instant.now().minus(Duration.ofDays(91)));

    retention.purgeExpired();

    List<AuditView> left = ofTopic(topic);
    assertEquals(List.of("topic.delete"), left.stream().map(AuditView::action).toList());
  }

  private void age(long id, Instant at) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE tributary_audit SET recorded_at_ms = ? WHERE id = ?")) {
      update.setLong(1, at.toEpochMilli());
      update.setLong(2, id);
      assertEquals(1, update.executeUpdate());
    }
  }
}
