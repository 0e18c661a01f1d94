package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.Fixtures.GroupAtRest;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * No dead links in v3: starting from {@code /v3/clusters} (and the lists nothing links to), every
 * {@code self}, {@code related} and {@code next} URL of every answer is followed, and each must
 * answer 200. A topic with records, a group with a live member and an assignment, and a group with
 * an executed offset reset exist; the links of other tests' topics and groups are not followed, so
 * the crawl stays bounded on a shared server.
 */
class V3LinksHttpIT {

  private static final int MAX_REQUESTS = 1500;
  private static final Pattern TOPIC = Pattern.compile("/topics/([^/]+)");
  private static final Pattern GROUP = Pattern.compile("/consumer-groups/([^/]+)");

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();
  private String topic;
  private String group;
  private GroupAtRest resetGroup;
  private V2Consumer member;

  @BeforeEach
  void aTopicAGroupWithAMemberAndAnOffsetReset() {
    topic = TributaryHttp.uniqueTopic("links");
    group = TributaryHttp.uniqueTopic("links-group");
    createTopic(http, topic, 2);
    produce(http, topic, 0, "a", "b");
    produce(http, topic, 1, "c");
    member = V2Consumer.earliest(http, group, "member");
    member.subscribe(topic);
    member.pollUntil(3);
    member.commitAll();
    Fixtures.await(
        "the member's assignment",
        () ->
            Fixtures.v3Assignments(http, group, topic).values().stream()
                    .anyMatch(partitions -> !partitions.isEmpty())
                ? Optional.of(true)
                : Optional.empty());
    resetGroup = Fixtures.groupAtRest(http, "links-reset");
    Answer reset =
        http.post(
            Fixtures.v3(http, "/consumer-groups/" + resetGroup.group() + "/offsets:reset"),
            APPLICATION_JSON,
            "{\"strategy\":\"to-earliest\",\"topic_name\":\"" + resetGroup.topic() + "\"}");
    assertEquals(200, reset.status(), reset::toString);
  }

  @AfterEach
  void closeTheMember() {
    member.close();
  }

  @Test
  void everyLinkOfTheV3ApiAnswers() {
    Crawl crawl = crawl(http, "/v3/clusters", "/users");

    assertEquals(List.of(), crawl.dead, () -> crawl.dead.size() + " dead links");
    assertTrue(crawl.visited.size() < MAX_REQUESTS, "the crawl was cut at " + MAX_REQUESTS);
    String cluster = http.baseUrl() + Fixtures.v3(http, "");
    for (String expected :
        List.of(
            cluster + "/brokers/0",
            cluster + "/brokers/0/configs",
            cluster + "/brokers/0/configs/num.partitions",
            cluster + "/brokers/0/partition-replicas",
            cluster + "/broker-configs/log.retention.ms",
            cluster + "/acls",
            cluster + "/topics/-/partitions/-/reassignment",
            cluster + "/topics/" + topic + "/partitions/-/reassignment",
            cluster + "/topics/" + topic + "/partitions/1/reassignment",
            cluster + "/topics/" + topic + "/partitions/1/replicas/0",
            cluster + "/consumer-groups/" + group + "/lags/" + topic + "/partitions/0",
            cluster + "/consumer-groups/" + resetGroup.group() + "/lag-summary")) {
      assertTrue(crawl.visited.contains(expected), () -> expected + " not reached: " + crawl);
    }
    assertTrue(
        crawl.visited.stream()
            .anyMatch(url -> url.matches(".*/assignments/" + topic + "/partitions/\\d")),
        crawl::toString);
    assertTrue(
        crawl.visited.stream().anyMatch(url -> url.matches(".*/offset-resets/\\d+")),
        crawl::toString);
  }

  @Test
  void underKafkaV3EveryLinkKeepsThePrefixAndAnswers() {
    Crawl crawl = crawl(http, "/kafka/v3/clusters", "/users");

    assertEquals(List.of(), crawl.dead, () -> crawl.dead.size() + " dead links");
    assertTrue(crawl.visited.size() > 20, crawl::toString);
    assertTrue(
        crawl.visited.stream().allMatch(url -> url.startsWith(http.baseUrl() + "/kafka/v3/")),
        crawl::toString);
  }

  @Test
  void aViewerReachesEveryLinkToo() {
    TributaryHttp viewer = Fixtures.createUser(http, "links-viewer", "viewer");
    Crawl crawl = crawl(viewer, "/v3/clusters");

    assertEquals(List.of(), crawl.dead, () -> crawl.dead.size() + " dead links");
    assertTrue(crawl.visited.size() > 50, crawl::toString);
  }

  /**
   * Crawls from the root and from the lists no resource links to ({@code adminLists} too: the users
   * are the admins' only).
   */
  private Crawl crawl(TributaryHttp client, String root, String... adminLists) {
    String cluster = root + "/" + Fixtures.clusterId(http);
    Crawl crawl = new Crawl();
    crawl.add(http.baseUrl() + root);
    for (String unlinked :
        List.of(
            "/consumer-groups/" + group + "/lags",
            "/consumer-groups/" + resetGroup.group() + "/lags",
            "/consumer-groups/" + resetGroup.group() + "/offset-resets",
            "/brokers/-/configs",
            "/topics/-/configs",
            "/topics/" + topic + "/partitions/0/offset",
            "/clients")) {
      crawl.add(http.baseUrl() + cluster + unlinked);
    }
    for (String unlinked : adminLists) {
      crawl.add(http.baseUrl() + cluster + unlinked);
    }
    while (!crawl.queue.isEmpty() && crawl.visited.size() < MAX_REQUESTS) {
      String url = crawl.queue.poll();
      Answer answer = client.get(url.substring(http.baseUrl().length()));
      if (answer.status() != 200) {
        crawl.dead.add(url + " -> " + answer);
        continue;
      }
      links(answer.json(), crawl);
    }
    return crawl;
  }

  private void links(JsonValue value, Crawl crawl) {
    if (value instanceof JsonObject object) {
      object.forEach(
          (name, member) -> {
            if ((name.equals("self") || name.equals("related") || name.equals("next"))
                && member instanceof JsonString url) {
              crawl.follow(url.getString());
            } else {
              links(member, crawl);
            }
          });
    } else if (value instanceof JsonArray array) {
      array.forEach(element -> links(element, crawl));
    }
  }

  private final class Crawl {
    final Set<String> visited = new LinkedHashSet<>();
    final Deque<String> queue = new ArrayDeque<>();
    final List<String> dead = new ArrayList<>();

    void follow(String url) {
      if (!url.startsWith(http.baseUrl() + "/")) {
        dead.add(url + " does not point at this server (" + http.baseUrl() + ")");
        return;
      }
      if (mine(url)) {
        add(url);
      }
    }

    void add(String url) {
      if (visited.add(url)) {
        queue.add(url);
      }
    }

    /** Not another test's topic or group: this test's, or all ("-"). */
    private boolean mine(String url) {
      Matcher topicName = TOPIC.matcher(url);
      if (topicName.find()
          && !Set.of(topic, resetGroup.topic(), "-").contains(topicName.group(1))) {
        return false;
      }
      Matcher groupId = GROUP.matcher(url);
      return !groupId.find() || Set.of(group, resetGroup.group()).contains(groupId.group(1));
    }

    @Override
    public String toString() {
      return visited.size() + " visited: " + String.join("\n", visited);
    }
  }

  @Test
  void theSameResourceAnswersUnderBothPrefixes() {
    Answer plain = http.get(Fixtures.v3(http, "/topics/" + topic));
    Answer prefixed = http.get("/kafka" + Fixtures.v3(http, "/topics/" + topic));
    assertEquals(200, prefixed.status(), prefixed::toString);
    assertEquals(
        plain.object().getInt("partitions_count"), prefixed.object().getInt("partitions_count"));
    assertFalse(
        plain.object().getJsonObject("metadata").getString("self").contains("/kafka/"),
        plain::toString);
    assertTrue(
        prefixed.object().getJsonObject("metadata").getString("self").contains("/kafka/v3/"),
        prefixed::toString);
  }
}
