package org.tributary.security;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Users in Tributary's database, each change a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class UserStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

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
    return true;
  }

  /** Changes the user; empty if there is none of that name. */
  public Optional<UserAccount> update(String name, Consumer<UserAccount> change) {
    UserAccount user = em.find(UserAccount.class, name);
    if (user == null) {
      return Optional.empty();
    }
    change.accept(user);
    return Optional.of(user);
  }

  public boolean delete(String name) {
    UserAccount user = em.find(UserAccount.class, name);
    if (user == null) {
      return false;
    }
    em.remove(user);
    return true;
  }
}
