package org.tributary.security;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditSubject;
import org.tributary.audit.AuditTrail;

/**
 * Users in Tributary's database, each change a transaction of its own that also records it in the
 * {@link AuditTrail} (roles and the must-change flag; never a password or its hash).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class UserStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject AuditTrail audit;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<UserAccount> all() {
    return em.createNamedQuery(UserAccount.ALL, UserAccount.class).getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<UserAccount> find(String name) {
    return Optional.ofNullable(em.find(UserAccount.class, name));
  }

  /** Creates the user; false if the name is taken. */
  public boolean create(UserAccount user) {
    if (em.find(UserAccount.class, user.name()) != null) {
      return false;
    }
    em.persist(user);
    audit.record(AuditAction.USER_CREATE, AuditSubject.user(user.name()), null, state(user));
    return true;
  }

  /** Changes the user, recorded as {@code action}; empty if there is none of that name. */
  public Optional<UserAccount> update(
      String name, AuditAction action, Consumer<UserAccount> change) {
    UserAccount user = em.find(UserAccount.class, name);
    if (user == null) {
      return Optional.empty();
    }
    Map<String, Object> before = state(user);
    change.accept(user);
    audit.record(action, AuditSubject.user(name), before, state(user));
    return Optional.of(user);
  }

  public boolean delete(String name) {
    UserAccount user = em.find(UserAccount.class, name);
    if (user == null) {
      return false;
    }
    Map<String, Object> before = state(user);
    em.remove(user);
    audit.record(AuditAction.USER_DELETE, AuditSubject.user(name), before, null);
    return true;
  }

  private static Map<String, Object> state(UserAccount user) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("roles", new TreeSet<>(user.roles()));
    state.put("must_change_password", user.mustChangePassword());
    return state;
  }
}
