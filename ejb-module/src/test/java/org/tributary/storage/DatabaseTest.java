package org.tributary.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void theDatasourceClassNamesTheDatabase() {
    assertEquals(
        Database.EMBEDDED_DERBY, Database.of("org.apache.derby.jdbc.EmbeddedXADataSource"));
    assertEquals(Database.POSTGRESQL, Database.of("org.postgresql.xa.PGXADataSource"));
    assertEquals(Database.OTHER, Database.of("org.apache.derby.jdbc.ClientXADataSource"));
  }
}
