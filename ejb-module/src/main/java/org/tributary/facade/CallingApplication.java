package org.tributary.facade;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The application whose code runs on this thread, by {@code java:app/AppName}. That name resolves
 * in the naming context of the component being invoked: inside the facade's EJB methods it is
 * Tributary's own, so it is looked up in the producer's and consumer's methods, which the
 * application calls directly.
 */
final class CallingApplication {

  private CallingApplication() {}

  /** Null on a thread without an application's context (a thread the application made itself). */
  static String name() {
    try {
      return InitialContext.doLookup("java:app/AppName");
    } catch (NamingException | RuntimeException e) {
      return null;
    }
  }
}
