package org.tributary.storage;

import java.util.Locale;

/** Which database the configured XA datasource class speaks to, where the SQL must differ. */
public enum Database {
  EMBEDDED_DERBY,
  POSTGRESQL,
  OTHER;

  /** The database of {@code tributary.datasource.class-name}. */
  public static Database of(String dataSourceClassName) {
    if (dataSourceClassName.startsWith("org.apache.derby.jdbc.Embedded")) {
      return EMBEDDED_DERBY;
    }
    return dataSourceClassName.toLowerCase(Locale.ROOT).contains("postgresql") ? POSTGRESQL : OTHER;
  }
}
