package org.tributary.storage;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Resolves Tributary's transaction branches left in doubt by a crash (prepared, never committed or
 * rolled back), before anything reads or locks what they hold. Payara recovers its transaction log
 * at start, but before applications deploy, so it never sees a datasource an application defines;
 * here the server's transaction manager is handed Tributary's own resource, and it commits or rolls
 * back each branch as its log says (rolled back when it never decided).
 *
 * <p>Jakarta EE has no API for this; Payara's (GlassFish's) transaction manager has {@code
 * recover(XAResource[])}, reached by reflection. Where that fails, a clear warning says what to do.
 */
final class InDoubtRecovery {

  private static final Logger LOG = Logger.getLogger(InDoubtRecovery.class.getName());
  private static final String TRANSACTION_MANAGER = "java:appserver/TransactionManager";

  private InDoubtRecovery() {}

  /**
   * @param dataSourceClass the XA datasource class of Tributary's datasource
   * @param properties its properties by setter name (serverName, portNumber, ...)
   */
  static void recover(String dataSourceClass, Map<String, Object> properties) {
    XAConnection connection = null;
    try {
      XADataSource dataSource =
          (XADataSource)
              Class.forName(dataSourceClass, true, InDoubtRecovery.class.getClassLoader())
                  .getConstructor()
                  .newInstance();
      properties.forEach((name, value) -> set(dataSource, name, value));
      connection = dataSource.getXAConnection();
      XAResource resource = connection.getXAResource();
      Xid[] inDoubt = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
      if (inDoubt == null || inDoubt.length == 0) {
        return;
      }
      LOG.warning(
          () ->
              inDoubt.length
                  + " transaction branches of Tributary's database are in doubt (prepared before a"
                  + " crash); the transaction manager resolves them from its log now");
      transactionManagerRecover(resource);
      Xid[] left = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
      if (left != null && left.length > 0) {
        LOG.severe(
            left.length
                + " transaction branches of Tributary's database stay in doubt: they hold locks"
                + " that stall writes. Resolve them (asadmin recover-transactions, or PostgreSQL's"
                + " COMMIT PREPARED / ROLLBACK PREPARED as the application's data says).");
      }
    } catch (ReflectiveOperationException | SQLException | XAException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not resolve transactions in doubt in Tributary's database; if a crash left any,"
              + " resolve them with asadmin recover-transactions",
          e);
    } finally {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          LOG.log(Level.FINE, "Closing the recovery connection", e);
        }
      }
    }
  }

  private static void transactionManagerRecover(XAResource resource)
      throws ReflectiveOperationException {
    Object helper;
    try {
      helper = new InitialContext().lookup(TRANSACTION_MANAGER);
    } catch (NamingException e) {
      throw new IllegalStateException("No transaction manager at " + TRANSACTION_MANAGER, e);
    }
    Field field = helper.getClass().getDeclaredField("transactionManager");
    field.setAccessible(true);
    Object manager = field.get(helper);
    Method recover = manager.getClass().getMethod("recover", XAResource[].class);
    recover.invoke(manager, (Object) new XAResource[] {resource});
  }

  private static void set(Object dataSource, String name, Object value) {
    String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Method method : dataSource.getClass().getMethods()) {
      if (method.getName().equals(setter) && method.getParameterCount() == 1) {
        try {
          Class<?> type = method.getParameterTypes()[0];
          method.invoke(
              dataSource, type == int.class ? Integer.parseInt(String.valueOf(value)) : value);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
          LOG.log(Level.FINE, "Datasource property " + name + " not set", e);
        }
        return;
      }
    }
  }
}
