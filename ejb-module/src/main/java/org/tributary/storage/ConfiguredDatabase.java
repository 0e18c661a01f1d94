package org.tributary.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the configured {@link Database} injectable, for the beans whose SQL differs by it. */
@ApplicationScoped
public class ConfiguredDatabase {

  @Produces
  Database database(@ConfigProperty(name = "tributary.datasource.class-name") String className) {
    return Database.of(className);
  }
}
