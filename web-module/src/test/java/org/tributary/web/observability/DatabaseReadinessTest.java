package org.tributary.web.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class DatabaseReadinessTest {

  private static final String SECRET_DETAIL =
      "FATAL: password authentication failed for user \"tributary\" (db.internal:5432)";

  @Test
  void aFailingDatabaseIsDownWithoutItsErrorText() {
    DatabaseReadiness readiness = new DatabaseReadiness();
    readiness.dataSource =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException(SECRET_DETAIL);
                });

    HealthCheckResponse response = readiness.call();

    assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
    String shown = response.getData().orElseThrow().toString();
    assertEquals(DatabaseReadiness.DATABASE_DOWN, response.getData().get().get("error"), shown);
    assertFalse(shown.contains("password") || shown.contains("db.internal"), shown);
  }
}
