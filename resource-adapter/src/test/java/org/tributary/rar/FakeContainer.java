package org.tributary.rar;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.transaction.xa.XAResource;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.RecordListener;

/**
 * What an EJB container does for a message-driven bean, as small as the adapter needs: endpoints
 * whose {@code beforeDelivery} begins a transaction on the calling thread and whose {@code
 * afterDelivery} commits it (or rolls it back when marked), and the transaction's registry. Work
 * done in a transaction (the bean's rows, offset commits) is kept until it commits. Every step is
 * written to {@link #events}.
 */
final class FakeContainer implements MessageEndpointFactory, TransactionSynchronizationRegistry {

  /** The bean class the endpoints stand for; its name is the listener's. */
  static final class LedgerBean {}

  final List<String> events = new CopyOnWriteArrayList<>();
  final List<String> rows = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  private final boolean transacted;
  private volatile Consumer<ReceivedRecord> bean = record -> {};
  volatile boolean unavailable;

  /** What creating an endpoint throws instead, when set (not the JCA {@code Unavailable}). */
  volatile RuntimeException createFailure;

  /** How many {@code beforeDelivery} calls still fail, as when no transaction can begin. */
  final AtomicInteger beforeDeliveryFailures = new AtomicInteger();

  FakeContainer(boolean transacted) {
    this.transacted = transacted;
  }

  /** What the bean does with a record; it may call {@link #setRollbackOnly} or throw. */
  void bean(Consumer<ReceivedRecord> behaviour) {
    this.bean = behaviour;
  }

  /** Does {@code work} now, or at commit when a transaction is open on this thread. */
  void inTransaction(Runnable work) {
    Transaction transaction = current.get();
    if (transaction == null) {
      work.run();
    } else {
      transaction.work.add(work);
    }
  }

  /** The bean writes a row: at its transaction's commit. */
  void writeRow(String row) {
    inTransaction(() -> rows.add(row));
  }

  @Override
  public MessageEndpoint createEndpoint(XAResource resource) throws UnavailableException {
    if (unavailable) {
      throw new UnavailableException("not deployed yet");
    }
    if (createFailure != null) {
      throw createFailure;
    }
    return (MessageEndpoint)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {MessageEndpoint.class, RecordListener.class},
            (proxy, method, args) -> endpoint(method, args));
  }

  private Object endpoint(Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "beforeDelivery" -> {
        if (beforeDeliveryFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          events.add("before failed");
          throw new ResourceException("no transaction can begin");
        }
        events.add("before");
        current.set(new Transaction());
      }
      case "onRecord" -> {
        ReceivedRecord record = (ReceivedRecord) args[0];
        events.add("onRecord " + record.partition() + "@" + record.offset());
        try {
          bean.accept(record);
        } catch (RuntimeException e) {
          setRollbackOnlyIfActive();
          throw new EJBException(e); // as a container wraps a system exception
        }
      }
      case "afterDelivery" -> {
        Transaction transaction = current.get();
        current.remove();
        if (transaction.rollbackOnly) {
          events.add("rolled back");
        } else {
          transaction.work.forEach(Runnable::run);
          events.add("committed");
        }
      }
      case "release" -> events.add("release");
      case "toString" -> {
        return "endpoint";
      }
      default -> throw new UnsupportedOperationException(method.getName());
    }
    return null;
  }

  private void setRollbackOnlyIfActive() {
    if (current.get() != null) {
      current.get().rollbackOnly = true;
    }
  }

  @Override
  public MessageEndpoint createEndpoint(XAResource resource, long timeout)
      throws UnavailableException {
    return createEndpoint(resource);
  }

  @Override
  public boolean isDeliveryTransacted(Method method) {
    return transacted;
  }

  @Override
  public String getActivationName() {
    return "ledger-activation";
  }

  @Override
  public Class<?> getEndpointClass() {
    return LedgerBean.class;
  }

  @Override
  public int getTransactionStatus() {
    Transaction transaction = current.get();
    if (transaction == null) {
      return Status.STATUS_NO_TRANSACTION;
    }
    return transaction.rollbackOnly ? Status.STATUS_MARKED_ROLLBACK : Status.STATUS_ACTIVE;
  }

  @Override
  public void setRollbackOnly() {
    if (current.get() == null) {
      throw new IllegalStateException("no transaction");
    }
    current.get().rollbackOnly = true;
  }

  @Override
  public boolean getRollbackOnly() {
    return getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK;
  }

  @Override
  public Object getTransactionKey() {
    return current.get();
  }

  @Override
  public void putResource(Object key, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object getResource(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void registerInterposedSynchronization(Synchronization sync) {
    throw new UnsupportedOperationException();
  }

  private static final class Transaction {
    final List<Runnable> work = new ArrayList<>();
    boolean rollbackOnly;
  }
}
