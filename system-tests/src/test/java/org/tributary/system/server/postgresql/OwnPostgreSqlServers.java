package org.tributary.system.server.postgresql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.tributary.system.server.OwnServer;

/**
 * Servers that a {@code *PostgreSqlIT} test starts itself on a PostgreSQL database of their own
 * (never the suite's server's), and a direct connection to that database.
 */
final class OwnPostgreSqlServers {

  private static final String HOST = System.getProperty("postgresql.host");
  private static final String DATABASE = System.getProperty("postgresql.own.database");
  private static final String PORT = System.getProperty("postgresql.own.port", "5432");

  private OwnPostgreSqlServers() {}

  static OwnServer first() {
    return server("first", "postgresql.own.first-port");
  }

  static OwnServer second() {
    return server("second", "postgresql.own.second-port");
  }

  private static OwnServer server(String name, String portProperty) {
    return new OwnServer(
        Path.of(System.getProperty("postgresql.own.dir"), name),
        Integer.parseInt(System.getProperty(portProperty)));
  }

  /** A server of another build of the WAR (see {@link OwnServer}). */
  static OwnServer first(String microTarget) {
    return new OwnServer(
        Path.of(System.getProperty("postgresql.own.dir"), "first"),
        Integer.parseInt(System.getProperty("postgresql.own.first-port")),
        microTarget);
  }

  /** The environment that points a server at the database. */
  static Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("TRIBUTARY_DATASOURCE_CLASS_NAME", "org.postgresql.xa.PGXADataSource");
    environment.put("TRIBUTARY_DATASOURCE_SERVER_NAME", HOST);
    environment.put("TRIBUTARY_DATASOURCE_DATABASE_NAME", DATABASE);
    environment.put("TRIBUTARY_DATASOURCE_PORT_NUMBER", PORT);
    return environment;
  }

  /** The environment of a server that must start without becoming ready. */
  static Map<String, String> environmentNotReady() {
    Map<String, String> environment = environment();
    environment.put("TRIBUTARY_READY_STATUS", "503");
    return environment;
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, "tributary", "tributary");
  }
}
