package org.tributary.api.listener;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.UserTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.tributary.api.ReceivedRecord;

/** A bean method annotated {@code @OnRecord}: how to call it with a record. */
final class ListenerMethod implements Delivery {

  private final Class<?> beanClass;
  private final Method method;
  private final ListenerSettings settings;
  private volatile Object instance;

  /**
   * One controller per listener thread, made once: looking one up costs more than most listener
   * methods, and a controller may activate and deactivate again and again, on one thread only.
   */
  private final ThreadLocal<RequestContextController> requestContexts = new ThreadLocal<>();

  ListenerMethod(Class<?> beanClass, Method method, ListenerSettings settings) {
    if (method.getParameterCount() != 1) {
      throw new IllegalArgumentException(
          "@OnRecord method " + method + " must take one parameter: a ReceivedRecord or a value.");
    }
    this.beanClass = beanClass;
    this.method = method;
    this.settings = settings;
  }

  /** One call; with {@code transactional}, the call and the offset commit in one transaction. */
  @Override
  public void deliver(ReceivedRecord record, Runnable commitOffset) throws Throwable {
    if (!settings.transactional()) {
      invoke(record);
      return;
    }
    UserTransaction transaction = userTransaction();
    transaction.begin();
    try {
      invoke(record);
      commitOffset.run();
      transaction.commit();
    } catch (Throwable e) {
      try {
        transaction.rollback();
      } catch (Exception alreadyEnded) {
        // The commit itself failed and ended the transaction.
      }
      throw e;
    }
  }

  private static UserTransaction userTransaction() {
    try {
      return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
    } catch (NamingException | ClassCastException e) {
      throw new IllegalStateException("Cannot look up java:comp/UserTransaction", e);
    }
  }

  /**
   * Calls the method of the bean's contextual instance; what the method throws is thrown as it is.
   *
   * @throws Delivery.Unavailable when there is no instance to call yet (the application starts)
   */
  private void invoke(ReceivedRecord record) throws Throwable {
    Object instance = instance();
    Class<?> parameter = method.getParameterTypes()[0];
    Object argument = parameter == ReceivedRecord.class ? record : record.value(parameter);
    // As for a request: @RequestScoped beans the listener uses live for this one call.
    RequestContextController request = requestContext();
    boolean activated = request != null && request.activate();
    try {
      method.invoke(instance, argument);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      if (activated) {
        request.deactivate();
      }
    }
  }

  private RequestContextController requestContext() {
    RequestContextController known = requestContexts.get();
    if (known == null) {
      try {
        known = CDI.current().select(RequestContextController.class).get();
        requestContexts.set(known);
      } catch (RuntimeException noController) {
        return null; // not yet: looked up again at the next record
      }
    }
    return known;
  }

  ListenerSettings settings() {
    return settings;
  }

  /**
   * The bean's contextual reference, looked up once: the application's container as seen from the
   * listener's (managed) thread, since the bean manager handed to an extension may belong to the
   * extension's own archive and not see the bean.
   */
  private Object instance() {
    Object found = instance;
    if (found == null) {
      try {
        found = CDI.current().select(beanClass).get();
      } catch (RuntimeException e) {
        throw new Delivery.Unavailable(e);
      }
      instance = found;
    }
    return found;
  }

  @Override
  public String name() {
    return beanClass.getSimpleName() + "." + method.getName();
  }
}
