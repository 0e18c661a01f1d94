package org.tributary.facade;

import jakarta.ejb.EJBException;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tributary.api.TributaryClientException;
import org.tributary.errors.TributaryException;

/** The facade's boundary: the core's refusals become the API's exception, same code and message. */
final class ClientErrors {

  private static final Logger LOG = Logger.getLogger(ClientErrors.class.getName());

  private ClientErrors() {}

  static <T> T translated(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  static void run(Runnable call) {
    translated(
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * The API's exception for any failure. No internal type goes with it (not even as the cause): the
   * application may not be able to load Tributary's classes.
   */
  static RuntimeException translate(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof EJBException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof TributaryClientException client) {
      return client;
    }
    if (e instanceof TributaryException refused) {
      return new TributaryClientException(refused.code().name(), refused.getMessage());
    }
    LOG.log(Level.WARNING, "Facade call failed unexpectedly", e);
    return new TributaryClientException(
        "UNKNOWN_SERVER_ERROR",
        e.getClass().getSimpleName() + ": " + e.getMessage() + " (the server log has the details)");
  }
}
