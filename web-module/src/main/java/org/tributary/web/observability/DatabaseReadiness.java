package org.tributary.web.observability;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Tributary's database answers: every produce and fetch needs it. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());
  private static final String NAME = "tributary-database";
  private static final int TIMEOUT_SECONDS = 5;
  static final String DATABASE_DOWN = "The database does not answer; the server log says why.";

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(TIMEOUT_SECONDS);
      return HealthCheckResponse.named(NAME)
          .status(valid)
          .withData("database", connection.getMetaData().getDatabaseProductName())
          .build();
    } catch (SQLException | RuntimeException e) {
      // Anyone may ask: what went wrong (hosts, user names, SQL) goes to the log only.
      LOG.log(Level.WARNING, "Readiness check: the database does not answer", e);
      return new HealthCheckResponse(
          NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("error", DATABASE_DOWN)));
    }
  }
}
