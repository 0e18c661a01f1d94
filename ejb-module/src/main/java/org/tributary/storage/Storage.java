package org.tributary.storage;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tributary's datasource, chosen by configuration alone: embedded Derby in {@code
 * tributary.data.dir} by default, PostgreSQL (or another XA-capable database) when the {@code
 * tributary.datasource.*} properties say so. Payara resolves the {@code MPCONFIG} expressions at
 * deployment.
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
    properties = {"createDatabase=${MPCONFIG=tributary.datasource.create-database}"})
@Singleton
@Startup
public class Storage {

  private static final Logger LOG = Logger.getLogger(Storage.class.getName());

  @Inject
  @ConfigProperty(name = "tributary.datasource.class-name")
  String className;

  @Inject
  @ConfigProperty(name = "tributary.datasource.database-name")
  String databaseName;

  @PreDestroy
  void shutdownEmbeddedDerby() {
    if (!className.startsWith("org.apache.derby.jdbc.Embedded")) {
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
