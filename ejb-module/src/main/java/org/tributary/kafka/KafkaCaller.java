package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.tributary.audit.RequestOrigin;

/**
 * Runs a request's calls into the core as its SASL user, so that the changes they make enter the
 * audit trail with that user, the client's address and the Kafka API (as {@code
 * web.security.ApiAuthentication} fills {@link RequestOrigin} for HTTP). The container knows
 * nothing of a Kafka connection's sign-in, so its caller principal cannot say who.
 */
@ApplicationScoped
public class KafkaCaller {

  @Inject RequestOrigin origin;

  /** Runs {@code calls} in a request context of their own, with the request's origin. */
  @ActivateRequestContext
  public <T> T run(KafkaRequest request, Supplier<T> calls) {
    KafkaSession session = request.session();
    origin.kafka(session.userName(), session.address(), request.header().apiKey().name);
    return calls.get();
  }
}
