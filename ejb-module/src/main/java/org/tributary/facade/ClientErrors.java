package org.tributary.facade;

import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.tributary.api.TributaryClientException;
import org.tributary.errors.TributaryException;

/** The facade's boundary: the core's refusals become the API's exception, same code and message. */
final class ClientErrors {

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

  static RuntimeException translate(Throwable failure) {
    Throwable e =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (e instanceof TributaryException refused) {
      return new TributaryClientException(refused.code().name(), refused.getMessage(), refused);
    }
    if (e instanceof TributaryClientException client) {
      return client;
    }
    return e instanceof RuntimeException runtime ? runtime : new CompletionException(e);
  }
}
