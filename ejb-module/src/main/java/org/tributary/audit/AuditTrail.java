package org.tributary.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of every change an operator or app admin makes: who (the caller principal, or the
 * Kafka listener's SASL user), when, from where ({@link RequestOrigin}, with the Kafka API if that
 * was the way), what ({@link AuditAction} on an {@link AuditSubject}), and the state before and
 * after as short JSON.
 *
 * <p>A change records itself with one call, {@link #record}, made inside the transaction that makes
 * the change (it is {@code MANDATORY}): the change and its entry commit or roll back together.
 * Entries are kept for {@code tributary.audit.retention.ms} ({@link AuditRetention}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class AuditTrail {

  /** Payara's name for a caller who did not sign in. */
  private static final String UNAUTHENTICATED = "ANONYMOUS";

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject RequestOrigin origin;
  @Resource SessionContext context;

  /**
   * Records a change in the caller's transaction.
   *
   * @param before the state before the change (a map, a record, a number…; JSON-B writes it), null
   *     when there was none; never a password
   * @param after the state after it, null when there is none
   */
  public void record(AuditAction action, AuditSubject subject, Object before, Object after) {
    String address = origin.address();
    String signedIn = origin.user();
    em.persist(
        new AuditEntry(
            Instant.now(),
            action,
            signedIn != null ? signedIn : actor(context.getCallerPrincipal(), address),
            origin.where(),
            subject,
            json(before),
            json(after)));
  }

  /**
   * A page of the entries the filter selects, newest first.
   *
   * @param pageToken null for the first page, else the previous page's {@link
   *     AuditPage#nextPageToken}
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public AuditPage list(AuditFilter filter, String pageToken, int limit) {
    AuditFilter.Query query = filter.query(AuditFilter.belowId(pageToken));
    TypedQuery<AuditEntry> typed = em.createQuery(query.jpql(), AuditEntry.class);
    query.parameters().forEach(typed::setParameter);
    List<AuditView> found =
        typed.setMaxResults(limit + 1).getResultList().stream().map(AuditEntry::view).toList();
    if (found.size() <= limit) {
      return new AuditPage(found, null);
    }
    List<AuditView> page = found.subList(0, limit);
    return new AuditPage(List.copyOf(page), String.valueOf(page.get(limit - 1).id()));
  }

  /** Removes up to {@code max} of the oldest entries before {@code cutoff}, in one transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int removeOldest(Instant cutoff, int max) {
    List<Long> ids =
        em.createNamedQuery(AuditEntry.OLDEST_BEFORE, Long.class)
            .setParameter("cutoff", cutoff.toEpochMilli())
            .setMaxResults(max)
            .getResultList();
    if (ids.isEmpty()) {
      return 0;
    }
    return em.createNamedQuery(AuditEntry.DELETE_RANGE)
        .setParameter("first", ids.get(0))
        .setParameter("last", ids.get(ids.size() - 1))
        .setParameter("cutoff", cutoff.toEpochMilli())
        .executeUpdate();
  }

  /** The signed-in user; {@code anonymous} over HTTP without one; {@code server} for itself. */
  static String actor(Principal principal, String address) {
    if (principal != null && !UNAUTHENTICATED.equals(principal.getName())) {
      return principal.getName();
    }
    return address == null ? "server" : "anonymous";
  }

  /** JSON text of a state, cut to what a column holds (then a JSON string of its start). */
  static String json(Object state) {
    if (state == null) {
      return null;
    }
    String json = Json.WRITER.toJson(state);
    if (json.length() <= AuditEntry.JSON_LENGTH) {
      return json;
    }
    // Escaping at most doubles the length of JSON text (no raw control characters in it).
    return Json.WRITER.toJson(
        Map.of("truncated", json.substring(0, (AuditEntry.JSON_LENGTH - 32) / 2)));
  }

  /** Made at first use: creating JSON-B is costly, and plain tests of this class have none. */
  private static final class Json {
    static final Jsonb WRITER = JsonbBuilder.create();
  }
}
