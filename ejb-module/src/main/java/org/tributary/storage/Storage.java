package org.tributary.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tributary's datasource, chosen by configuration alone: embedded Derby in {@code
 * tributary.data.dir} by default, PostgreSQL (or another XA-capable database) when the {@code
 * tributary.datasource.*} properties say so. Payara resolves the {@code MPCONFIG} expressions at
 * deployment.
 *
 * <p>No wait on the database is unbounded: statements time out after {@code
 * tributary.database.statement-timeout-seconds}, and lock waits after {@code
 * tributary.database.lock-timeout-ms} (Derby's {@code derby.locks.waitTimeout}, set here; on
 * PostgreSQL the writer's transactions set {@code lock_timeout}).
 *
 * <p>Shuts embedded Derby down cleanly when the application stops, so that no lock file stays
 * behind and the next start needs no recovery.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/tributary",
    className = "${MPCONFIG=tributary.datasource.class-name}",
    serverName = "${MPCONFIG=tributary.datasource.server-name}",
    portNumber = -1,
    databaseName = "${MPCONFIG=tributary.datasource.database-name}",
    user = "${MPCONFIG=tributary.datasource.user}",
    password = "${MPCONFIG=tributary.datasource.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      "createDatabase=${MPCONFIG=tributary.datasource.create-database}",
      // A property, since the portNumber attribute takes no expression (Derby ignores it).
      "portNumber=${MPCONFIG=tributary.datasource.port-number}",
      // Every statement gets a deadline (JDBC's query timeout), on any database.
      "fish.payara.statement-timeout-in-seconds=${MPCONFIG=tributary.database.statement-timeout-seconds}"
    })
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // its state is set once, at start
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Storage {

  private static final Logger LOG = Logger.getLogger(Storage.class.getName());

  @Inject
  @ConfigProperty(name = "tributary.datasource.class-name")
  String className;

  @Inject Database database;

  @Inject
  @ConfigProperty(name = "tributary.datasource.database-name")
  String databaseName;

  @Inject
  @ConfigProperty(name = "tributary.datasource.server-name")
  String serverName;

  @Inject
  @ConfigProperty(name = "tributary.datasource.port-number", defaultValue = "5432")
  int portNumber;

  @Inject
  @ConfigProperty(name = "tributary.datasource.user")
  String user;

  @Inject
  @ConfigProperty(name = "tributary.datasource.password")
  String password;

  @Inject
  @ConfigProperty(name = "tributary.database.lock-timeout-ms", defaultValue = "10000")
  long lockTimeoutMillis;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource dataSource;

  private volatile boolean preparedTransactionsDisabled;

  @PostConstruct
  void start() {
    // First of all: branches in doubt hold locks that every start-up query would wait on.
    InDoubtRecovery.recover(
        className,
        Map.of(
            "serverName", serverName,
            "portNumber", portNumber,
            "databaseName", databaseName,
            "user", user,
            "password", password));
    switch (database) {
      case EMBEDDED_DERBY -> boundDerbyLockWaits();
      case POSTGRESQL -> checkPreparedTransactions();
      case OTHER -> {}
    }
  }

  /**
   * Whether the database refuses two-phase commit: a transaction that sends and also writes to
   * another XA resource (the app's own datasource) cannot commit then.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean preparedTransactionsDisabled() {
    return preparedTransactionsDisabled;
  }

  private void checkPreparedTransactions() {
    try (Connection connection = dataSource.getConnection();
        Statement show = connection.createStatement();
        ResultSet value = show.executeQuery("SHOW max_prepared_transactions")) {
      preparedTransactionsDisabled = value.next() && value.getInt(1) == 0;
    } catch (SQLException | NumberFormatException e) {
      LOG.log(Level.WARNING, "Could not read PostgreSQL's max_prepared_transactions", e);
    }
    if (preparedTransactionsDisabled) {
      LOG.warning(
          "PostgreSQL's max_prepared_transactions is 0: a transaction that sends with Tributary"
              + " and writes to another database (two-phase commit) cannot commit. Set"
              + " max_prepared_transactions in postgresql.conf (at least the connections that"
              + " such transactions use at once, e.g. max_connections) and restart PostgreSQL.");
    }
  }

  private void boundDerbyLockWaits() {
    // Derby counts whole seconds; its default is a minute.
    long seconds = Math.max(1, (lockTimeoutMillis + 999) / 1000);
    try (Connection connection = dataSource.getConnection();
        CallableStatement set =
            connection.prepareCall(
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', ?)")) {
      set.setString(1, Long.toString(seconds));
      set.execute();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not bound Derby's lock waits", e);
    }
  }

  @PreDestroy
  void shutdownEmbeddedDerby() {
    if (database != Database.EMBEDDED_DERBY) {
      return;
    }
    try {
      DriverManager.getConnection("jdbc:derby:" + databaseName + ";shutdown=true").close();
    } catch (SQLException expected) {
      // Derby reports a successful database shutdown as SQLState 08006.
      if (!"08006".equals(expected.getSQLState())) {
        LOG.log(Level.WARNING, "Derby did not shut down cleanly", expected);
      }
    }
  }
}
