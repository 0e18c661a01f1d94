package org.tributary.api;

/**
 * Tributary for an enterprise application, in the spirit of Jakarta Messaging's {@code JMSContext}:
 * it makes producers and consumers of the broker running in the same server.
 *
 * <p>Inside Tributary's own deployment inject it with {@code @Inject TributaryContext tributary};
 * from any application in the same server look it up with {@code @Resource(lookup =
 * TributaryContext.JNDI_NAME)}. It holds no resource itself and is safe to share between threads.
 */
public interface TributaryContext {

  /** Where the context is bound in the server's global JNDI namespace. */
  String JNDI_NAME = "java:global/tributary/TributaryContext";

  /** A producer; cheap, thread-safe, nothing to close. */
  TributaryProducer createProducer();

  /** A consumer of the given group; close it to leave the group. Not thread-safe. */
  TributaryConsumer createConsumer(ConsumerSettings settings);
}
