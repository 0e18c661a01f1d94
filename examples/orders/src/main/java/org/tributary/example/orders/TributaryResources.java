package org.tributary.example.orders;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.tributary.api.TributaryContext;

/** Makes Tributary's context injectable with {@code @Inject} in this application. */
@ApplicationScoped
public class TributaryResources {

  @Produces
  @Resource(lookup = TributaryContext.JNDI_NAME)
  TributaryContext tributary;
}
