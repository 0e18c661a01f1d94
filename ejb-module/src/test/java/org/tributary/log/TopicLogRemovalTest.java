package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class TopicLogRemovalTest {

  private static final long TOPIC = 7;

  /** Answers each chunk removal with the next count; records what was asked. */
  private static final class FakeStore extends BatchStore {
    final Deque<Integer> chunks = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    Runnable duringFirstChunk = () -> {};
    boolean databaseDown;

    @Override
    public int deleteTopicBatches(long topicId, int maxBatches) {
      calls.add("batches " + topicId + " " + maxBatches);
      Runnable during = duringFirstChunk;
      duringFirstChunk = () -> {};
      during.run();
      return chunks.isEmpty() ? 0 : chunks.removeFirst();
    }

    @Override
    public void deleteTopicOffsets(long topicId) {
      if (databaseDown) {
        throw new IllegalStateException("database down");
      }
      calls.add("offsets " + topicId);
    }
  }

  private final FakeStore store = new FakeStore();

  @Test
  void removesBoundedChunksUntilNoneIsLeftThenTheRecordedOffsets() {
    store.chunks.addAll(List.of(1_000, 1_000, 3));
    new TopicLogRemoval(store, Runnable::run).remove(TOPIC);
    String chunk = "batches " + TOPIC + " " + TopicLogRemoval.DELETE_CHUNK_BATCHES;
    assertEquals(List.of(chunk, chunk, chunk, chunk, "offsets " + TOPIC), store.calls);
  }

  @Test
  void askedAgainWhileRemovingItMakesOneMorePassInsteadOfASecondRemoval() {
    TopicLogRemoval removal = new TopicLogRemoval(store, Runnable::run);
    store.chunks.addAll(List.of(5, 0, 2));
    store.duringFirstChunk = () -> removal.remove(TOPIC);
    removal.remove(TOPIC);
    assertEquals(5, store.calls.size(), "two passes of two chunks each, then the offsets");
    assertEquals("offsets " + TOPIC, store.calls.get(4));
  }

  @Test
  void aRefusedRemovalCanBeAskedForAgain() {
    List<Runnable> accepted = new ArrayList<>();
    Executor refusesFirst =
        task -> {
          if (accepted.isEmpty()) {
            accepted.add(task);
            throw new RejectedExecutionException("full");
          }
          task.run();
        };
    TopicLogRemoval removal = new TopicLogRemoval(store, refusesFirst);
    removal.remove(TOPIC);
    assertEquals(List.of(), store.calls);
    removal.remove(TOPIC);
    assertEquals("offsets " + TOPIC, store.calls.get(store.calls.size() - 1));
  }

  @Test
  void aFailedRemovalCanBeAskedForAgain() {
    store.databaseDown = true;
    TopicLogRemoval removal = new TopicLogRemoval(store, Runnable::run);
    removal.remove(TOPIC);
    removal.remove(TOPIC);
    assertEquals(2, store.calls.size(), "each request passed once");
  }

  @Test
  void orphanedTopicsAreEachRemoved() {
    new TopicLogRemoval(store, Runnable::run).removeOrphans(List.of(1L, 2L));
    assertEquals(
        List.of("batches 1 1000", "offsets 1", "batches 2 1000", "offsets 2"), store.calls);
  }
}
