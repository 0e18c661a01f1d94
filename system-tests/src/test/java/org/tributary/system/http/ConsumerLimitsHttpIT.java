package org.tributary.system.http;

import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.createUser;
import static org.tributary.system.TributaryHttp.V2;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * What a consumer-role user can make the server hold is bounded: consumer instances, the partitions
 * of one commit, commits of partitions that do not exist. The test servers run with the defaults.
 */
class ConsumerLimitsHttpIT {

  private static final int DEFAULT_MAX_INSTANCES_PER_USER = 100;
  private static final int DEFAULT_MAX_COMMIT_PARTITIONS = 10_000;

  private final TributaryHttp admin = TributaryHttp.fromSystemProperty();

  @Test
  void aUserHoldsAtMostItsCapOfConsumerInstances() {
    TributaryHttp user = createUser(admin, "instances", "consumer");
    String group = uniqueTopic("capped");
    List<V2Consumer> created = new ArrayList<>();
    try {
      for (int i = 0; i < DEFAULT_MAX_INSTANCES_PER_USER; i++) {
        created.add(V2Consumer.create(user, group, "c" + i, "\"format\":\"binary\""));
      }
      Answer refused = user.post("/consumers/" + group, V2, "{\"name\":\"one-too-many\"}");
      assertRefused(429, 42902, refused);

      created.remove(0).delete();
      created.add(V2Consumer.create(user, group, "after-delete", "\"format\":\"binary\""));
    } finally {
      created.forEach(V2Consumer::close);
    }
  }

  @Test
  void aCommitNamingMorePartitionsThanTheCapIsRefused() {
    String topic = uniqueTopic("wide-commit");
    createTopic(admin, topic, 1);
    try (V2Consumer consumer = V2Consumer.create(admin, uniqueTopic("wide"), "c", "")) {
      JsonArrayBuilder offsets = Json.createArrayBuilder();
      for (int p = 0; p <= DEFAULT_MAX_COMMIT_PARTITIONS; p++) {
        offsets.add(
            Json.createObjectBuilder().add("topic", topic).add("partition", p).add("offset", 0));
      }
      Answer refused =
          admin.post(
              consumer.base() + "/offsets",
              V2,
              Json.createObjectBuilder().add("offsets", offsets).build().toString());
      assertRefused(422, 42200, refused);
    }
  }

  @Test
  void aCommitOfATopicOrPartitionThatDoesNotExistIsRefused() {
    String topic = uniqueTopic("real");
    createTopic(admin, topic, 1);
    try (V2Consumer consumer = V2Consumer.create(admin, uniqueTopic("phantom"), "c", "")) {
      assertRefused(404, 40401, consumer.tryCommit(uniqueTopic("no-such-topic"), 0, 0));
      assertRefused(404, 40402, consumer.tryCommit(topic, 7, 0));
    }
  }
}
