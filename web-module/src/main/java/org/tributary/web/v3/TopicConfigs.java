package org.tributary.web.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tributary.topic.TopicConfigKey;
import org.tributary.topic.TopicMetadata;
import org.tributary.web.v3.Shapes.ConfigSynonym;

/** A topic's configs as the v3 resources show them: every config Tributary knows, in force. */
@ApplicationScoped
class TopicConfigs {

  @Inject Cluster cluster;

  List<Shapes.TopicConfig> all(UriInfo uri, TopicMetadata topic) {
    return Arrays.stream(TopicConfigKey.values()).map(key -> shape(uri, topic, key)).toList();
  }

  Shapes.TopicConfig shape(UriInfo uri, TopicMetadata topic, TopicConfigKey key) {
    boolean isDefault = topic.config().isDefault(key);
    String source = isDefault ? "DEFAULT_CONFIG" : "DYNAMIC_TOPIC_CONFIG";
    List<ConfigSynonym> synonyms = new ArrayList<>();
    if (!isDefault) {
      synonyms.add(new ConfigSynonym(key.key(), topic.config().get(key), source));
    }
    synonyms.add(new ConfigSynonym(key.key(), key.defaultValue(), "DEFAULT_CONFIG"));
    return new Shapes.TopicConfig(
        "KafkaTopicConfig",
        cluster.metadata(
            uri,
            "/topics/" + topic.name() + "/configs/" + key.key(),
            "topic=" + topic.name() + "/config=" + key.key()),
        cluster.id(),
        topic.name(),
        key.key(),
        topic.config().get(key),
        isDefault,
        false,
        false,
        source,
        synonyms);
  }
}
