package org.tributary.rar;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.RecordListener;
import org.tributary.api.listener.Delivery;

/**
 * Hands a record to a message-driven bean: one endpoint per attempt, released after it. When the
 * container says {@code onRecord} is transacted, the offset commit and then the call run between
 * {@code beforeDelivery} and {@code afterDelivery}, in the container's transaction; a bean that
 * threw or asked for a rollback rolls the offset commit back with its own work, and the attempt
 * failed. An endpoint the container cannot create, or whose {@code beforeDelivery} fails, is {@link
 * Delivery.Unavailable}: the bean was not called, so the record comes again later.
 */
final class EndpointDelivery implements Delivery {

  static final Method ON_RECORD = onRecord();

  private final MessageEndpointFactory endpoints;
  private final boolean transacted;
  private final TransactionSynchronizationRegistry transactions;
  private final String name;

  EndpointDelivery(
      MessageEndpointFactory endpoints,
      boolean transacted,
      TransactionSynchronizationRegistry transactions) {
    this.endpoints = endpoints;
    this.transacted = transacted;
    this.transactions = transactions;
    this.name = beanName(endpoints) + ".onRecord";
  }

  @Override
  public void deliver(ReceivedRecord record, Runnable commitOffset) throws Throwable {
    MessageEndpoint endpoint;
    try {
      endpoint = endpoints.createEndpoint(null);
    } catch (UnavailableException | RuntimeException notNow) {
      throw new Delivery.Unavailable(notNow);
    }
    try {
      if (transacted) {
        deliverInTransaction(endpoint, record, commitOffset);
      } else {
        call(endpoint, record);
      }
    } finally {
      endpoint.release();
    }
  }

  private void deliverInTransaction(
      MessageEndpoint endpoint, ReceivedRecord record, Runnable commitOffset) throws Throwable {
    try {
      endpoint.beforeDelivery(ON_RECORD);
    } catch (Exception notNow) {
      // No transaction, so no call: the bean never saw the record, and it is not an attempt.
      throw new Delivery.Unavailable(notNow);
    }
    Throwable failure = null;
    try {
      // First: a commit refused because a rebalance took the partition skips the call.
      commitOffset.run();
      call(endpoint, record);
      if (transactions.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK) {
        failure = new RolledBack(name);
      }
    } catch (Throwable e) {
      failure = e;
      markRollbackOnly();
    }
    try {
      endpoint.afterDelivery();
    } catch (ResourceException e) {
      if (failure == null) {
        failure = e; // the transaction could not commit: neither the bean's work nor the offset
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Calls the bean; what it threw comes out as itself, not wrapped by the container. */
  private static void call(MessageEndpoint endpoint, ReceivedRecord record) {
    try {
      ((RecordListener) endpoint).onRecord(record);
    } catch (EJBException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void markRollbackOnly() {
    try {
      if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
        transactions.setRollbackOnly();
      }
    } catch (IllegalStateException alreadyEnding) {
      // The container ends it with a rollback anyway.
    }
  }

  @Override
  public String name() {
    return name;
  }

  private static String beanName(MessageEndpointFactory endpoints) {
    Class<?> bean = endpoints.getEndpointClass();
    return bean != null ? bean.getSimpleName() : endpoints.getActivationName();
  }

  private static Method onRecord() {
    try {
      return RecordListener.class.getMethod("onRecord", ReceivedRecord.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The bean returned but asked for its transaction to roll back. */
  static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RolledBack(String bean) {
      super(bean + " marked the delivery transaction for rollback");
    }
  }
}
