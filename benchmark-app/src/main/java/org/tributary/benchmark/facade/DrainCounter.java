package org.tributary.benchmark.facade;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.tributary.api.OnRecord;
import org.tributary.api.ReceivedRecord;

/** The listener being measured: it counts what it is handed, as cheaply as a listener can. */
@ApplicationScoped
public class DrainCounter {

  static final String TOPIC = "facade-bench-drain";

  private final AtomicLong received = new AtomicLong();

  @OnRecord(topic = TOPIC, group = "facade-bench", concurrency = 4)
  public void onRecord(ReceivedRecord record) {
    received.incrementAndGet();
  }

  long received() {
    return received.get();
  }
}
