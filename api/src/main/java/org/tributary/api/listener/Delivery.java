package org.tributary.api.listener;

import org.tributary.api.ReceivedRecord;

/**
 * How a {@link ListenerLoop} hands one record to the application, one attempt per call: a CDI
 * bean's {@code @OnRecord} method, or a message-driven bean through the resource adapter.
 */
public interface Delivery {

  /**
   * Calls the application once with {@code record}. A transactional delivery ({@link
   * ListenerSettings#transactional()}) runs {@code commitOffset} in the same transaction as the
   * call, so both commit or roll back together: the {@code @OnRecord} runtime after the call
   * returned, the resource adapter before the call (so a commit refused because a rebalance took
   * the partition skips it). Any other delivery does not run it; the loop commits those offsets
   * after the call.
   *
   * @throws Unavailable when no attempt could be made (the bean or its transaction cannot be had
   *     yet); the record is not counted as an attempt and comes again
   * @throws Throwable what the call threw, or why its transaction rolled back
   */
  void deliver(ReceivedRecord record, Runnable commitOffset) throws Throwable;

  /** Names the receiver in logs and dead-letter headers: {@code Bean.method}. */
  String name();

  /** The receiver cannot be had now; no attempt was made and the record comes again. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(Throwable cause) {
      super(cause);
    }
  }
}
