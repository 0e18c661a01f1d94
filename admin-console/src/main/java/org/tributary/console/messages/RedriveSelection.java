package org.tributary.console.messages;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tributary.redrive.DeadLetterRedrive;

/**
 * The message browser's redrive state: whether the shown records include dead letters, and which of
 * them are ticked. A record is a dead letter when it carries the header a redrive reads ({@link
 * DeadLetterRedrive#TOPIC_HEADER}), whatever its topic is called: a listener's {@code
 * deadLetterTopic} may name any topic.
 */
public class RedriveSelection implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, Boolean> ticked = new HashMap<>();
  private boolean offered;

  /** The page now shows these records; ticks stay until {@link #clear}. */
  void showing(List<ShownRecord> records) {
    offered = records.stream().anyMatch(RedriveSelection::isDeadLetter);
  }

  private static boolean isDeadLetter(ShownRecord record) {
    return record.headers().stream()
        .anyMatch(header -> header.key().equals(DeadLetterRedrive.TOPIC_HEADER));
  }

  /** Whether a redrive is offered: a shown record is a dead letter. */
  public boolean isOffered() {
    return offered;
  }

  /** The shown records that are ticked. */
  List<ShownRecord> tickedAmong(List<ShownRecord> shown) {
    return shown.stream().filter(r -> Boolean.TRUE.equals(ticked.get(r.position()))).toList();
  }

  void clear() {
    ticked.clear();
  }

  /** Ticks by {@link ShownRecord#position}, for the page's checkboxes. */
  public Map<String, Boolean> getTicked() {
    return ticked;
  }
}
