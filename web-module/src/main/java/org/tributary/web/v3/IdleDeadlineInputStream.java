package org.tributary.web.v3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request body that may not stay silent longer than a deadline: a read that waits longer is ended
 * by closing the body, and fails with {@link Idle}. A streamed produce thus never holds its thread
 * for a client that went quiet.
 */
final class IdleDeadlineInputStream extends FilterInputStream {

  /** The body stayed silent past the deadline. */
  static final class Idle extends IOException {
    private static final long serialVersionUID = 1L;

    Idle(Duration limit, Throwable cause) {
      super("No bytes arrived for " + limit.toMillis() + " ms", cause);
    }
  }

  private final Duration limit;
  private final ScheduledExecutorService scheduler;
  private volatile boolean expired;

  IdleDeadlineInputStream(InputStream in, Duration limit, ScheduledExecutorService scheduler) {
    super(in);
    this.limit = limit;
    this.scheduler = scheduler;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (expired) {
      throw new Idle(limit, null);
    }
    ScheduledFuture<?> deadline =
        scheduler.schedule(this::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      throw expired ? new Idle(limit, e) : e;
    } finally {
      deadline.cancel(false);
    }
  }

  private void expire() {
    expired = true;
    try {
      in.close();
    } catch (IOException ignored) {
      // the read that waits fails either way
    }
  }
}
