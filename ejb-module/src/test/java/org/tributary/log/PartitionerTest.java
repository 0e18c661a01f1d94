package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.tributary.errors.UnknownPartitionException;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class PartitionerTest {

  private final Partitioner partitioner = new Partitioner();

  private static TopicMetadata topic(int partitions) {
    return topic("t", partitions);
  }

  private static TopicMetadata topic(String name, int partitions) {
    return new TopicMetadata(1, name, partitions, TopicConfig.defaults(), Instant.EPOCH);
  }

  @Test
  void murmur2MatchesKafkasPublishedVectors() {
    // Vectors from Kafka's own UtilsTest: the hash behind the default partitioner.
    assertEquals(-973932308, Utils.murmur2("21".getBytes(StandardCharsets.UTF_8)));
    assertEquals(-790332482, Utils.murmur2("foobar".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        -985981536, Utils.murmur2("a-little-bit-long-string".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        -1486304829, Utils.murmur2("a-little-bit-longer-string".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        -58897971,
        Utils.murmur2(
            "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8".getBytes(StandardCharsets.UTF_8)));
    assertEquals(479470107, Utils.murmur2(new byte[] {'a', 'b', 'c'}));
  }

  @Test
  void keyedRecordsLandWhereKafkasDefaultPartitionerPutsThem() {
    Random random = new Random(42);
    for (int partitions : new int[] {1, 2, 3, 7, 12, 100}) {
      for (int i = 0; i < 2_000; i++) {
        byte[] key = new byte[1 + random.nextInt(40)];
        random.nextBytes(key);
        int expected = Utils.toPositive(Utils.murmur2(key)) % partitions;
        assertEquals(expected, partitioner.partition(topic(partitions), null, key, 0));
      }
    }
  }

  @Test
  void knownKeysMapToFixedPartitions() {
    // toPositive(murmur2(key)) % 3 for the vectors above.
    assertEquals(
        Utils.toPositive(-973932308) % 3,
        partitioner.partition(topic(3), null, "21".getBytes(StandardCharsets.UTF_8), 0));
    assertEquals(
        Utils.toPositive(-790332482) % 3,
        partitioner.partition(topic(3), null, "foobar".getBytes(StandardCharsets.UTF_8), 0));
  }

  @Test
  void explicitPartitionWinsOverKey() {
    assertEquals(
        2, partitioner.partition(topic(3), 2, "foobar".getBytes(StandardCharsets.UTF_8), 0));
  }

  @Test
  void explicitPartitionOutOfRangeIsRefused() {
    assertThrows(
        UnknownPartitionException.class, () -> partitioner.partition(topic(3), 3, null, 0));
    assertThrows(
        UnknownPartitionException.class, () -> partitioner.partition(topic(3), -1, null, 0));
  }

  @Test
  void keylessRecordsStickToOnePartitionUntilABatchSizeWentThereThenTheNextTakesOver() {
    TopicMetadata topic = topic(4);
    int first = partitioner.stickyPartition(topic);
    assertEquals(first, partitioner.partition(topic, null, null, first));
    partitioner.produced(topic, Partitioner.STICKY_BYTES - 1);
    assertEquals(first, partitioner.stickyPartition(topic), "not a batch's worth yet");

    partitioner.produced(topic, 1);

    Set<Integer> used = new HashSet<>(Set.of(first));
    for (int batch = 0; batch < 3; batch++) {
      used.add(partitioner.stickyPartition(topic));
      partitioner.produced(topic, Partitioner.STICKY_BYTES);
    }
    assertEquals(Set.of(0, 1, 2, 3), used, "each partition takes over in turn");
  }

  @Test
  void eachTopicHasItsOwnStickyPartition() {
    TopicMetadata busy = topic("busy", 4);
    TopicMetadata quiet = topic("quiet", 4);
    int quietFirst = partitioner.stickyPartition(quiet);
    partitioner.produced(busy, Partitioner.STICKY_BYTES);
    assertEquals(quietFirst, partitioner.stickyPartition(quiet));
  }
}
