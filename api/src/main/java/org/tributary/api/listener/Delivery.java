package org.tributary.api.listener;

import org.tributary.api.ReceivedRecord;

/**
 * How a {@link ListenerLoop} hands one record to the application, one attempt per call: a CDI
 * bean's {@code @OnRecord} method, or a message-driven bean through the resource adapter.
 */
public interface Delivery {

  /**
   * Calls the application once with {@code record}. A transactional delivery (see {@link
   * ListenerSettings#transactional()}) runs {@code commitOffset} inside its transaction after the
   * call returned; the loop commits the others' offsets itself.
   *
   * @throws Unavailable when no attempt could be made (the bean cannot be had yet)
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
