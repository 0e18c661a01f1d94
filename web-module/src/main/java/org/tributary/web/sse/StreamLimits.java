package org.tributary.web.sse;

import java.util.HashMap;
import java.util.Map;
import org.tributary.web.error.RequestRefusedException;

/**
 * How many event streams each user and the whole server hold open, refusing one past either bound
 * (429, 42903). Thread-safe: every count changes under this object's monitor, for a few map
 * operations only.
 */
final class StreamLimits {

  private final int perUser;
  private final int total;
  private final Map<String, Integer> open = new HashMap<>();
  private int openTotal;

  StreamLimits(int perUser, int total) {
    this.perUser = perUser;
    this.total = total;
  }

  /** Counts a new stream of {@code user}, or refuses it. */
  synchronized void acquire(String user) {
    int held = open.getOrDefault(user, 0);
    if (held >= perUser) {
      throw RequestRefusedException.tooManyStreams(
          "User '"
              + user
              + "' holds "
              + held
              + " open event streams, the most one user may"
              + " (tributary.http.sse.max-streams-per-user); close one first.");
    }
    if (openTotal >= total) {
      throw RequestRefusedException.tooManyStreams(
          "The server holds "
              + openTotal
              + " open event streams, its most (tributary.http.sse.max-streams); try again"
              + " later.");
    }
    open.put(user, held + 1);
    openTotal++;
  }

  /** Forgets one stream of {@code user}; call once per {@link #acquire}. */
  synchronized void release(String user) {
    Integer held = open.get(user);
    if (held == null) {
      return;
    }
    if (held <= 1) {
      open.remove(user);
    } else {
      open.put(user, held - 1);
    }
    openTotal--;
  }

  synchronized int openBy(String user) {
    return open.getOrDefault(user, 0);
  }

  synchronized int openTotal() {
    return openTotal;
  }
}
