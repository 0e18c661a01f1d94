package org.tributary.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of a CDI bean a listener: the runtime finds it at deployment and calls it for
 * every record of the topic, as a member of the group. Delivery is at least once: the record's
 * offset is committed after the method returns. A method that throws is retried with exponential
 * backoff; after {@link #maxAttempts()} the record goes to the dead-letter topic (with headers
 * saying why) and the partition moves on.
 *
 * <p>The method takes one parameter: a {@link ReceivedRecord}, or the type to read the value as
 * ({@code String}, {@code byte[]} or a JSON-B-mappable class). Settings can be overridden with
 * MicroProfile Config: {@code tributary.listener.<group>.<topic>.concurrency}, {@code
 * .max-attempts}, {@code .backoff-ms}, {@code .dead-letter-topic}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnRecord {

  String topic();

  String group();

  /** Consumers in the group, each calling the method for the partitions it is assigned. */
  int concurrency() default 1;

  /** Calls of the method per record before it goes to the dead-letter topic. */
  int maxAttempts() default 3;

  /** Wait before the first retry; doubled for each further one. */
  long backoffMillis() default 200;

  /** Where records go after the last attempt; {@code <topic>.DLT} when empty. */
  String deadLetterTopic() default "";

  /** Where a group without a committed offset starts. */
  ConsumerSettings.OffsetReset startAt() default ConsumerSettings.OffsetReset.EARLIEST;

  /**
   * Run each call in a JTA transaction together with the offset commit: what the method writes or
   * sends and the record's offset commit or roll back together.
   */
  boolean transactional() default false;
}
