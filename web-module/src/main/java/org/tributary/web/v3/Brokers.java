package org.tributary.web.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.tributary.log.BrokerConfig;
import org.tributary.log.BrokerConfigs;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.v3.Shapes.ConfigSynonym;

/**
 * This server as the one broker of its cluster: its id in paths, its shape, its configs, and the
 * one replica (the leader, in sync) of every partition.
 */
@ApplicationScoped
class Brokers {

  static final int BROKER_ID = BrokerConfigs.BROKER_ID;

  @Inject Cluster cluster;
  @Inject BrokerConfigs configs;

  /** The broker a path names; anything but this server's id is not found. */
  static int require(String brokerId) {
    if (!String.valueOf(BROKER_ID).equals(brokerId)) {
      throw RequestRefusedException.brokerNotFound(brokerId, BROKER_ID);
    }
    return BROKER_ID;
  }

  static String path() {
    return "/brokers/" + BROKER_ID;
  }

  Shapes.Broker broker(UriInfo uri) {
    return new Shapes.Broker(
        "KafkaBroker",
        cluster.metadata(uri, path(), "broker=" + BROKER_ID),
        cluster.id(),
        BROKER_ID,
        null,
        null,
        null,
        cluster.related(uri, path() + "/configs"),
        cluster.related(uri, path() + "/partition-replicas"));
  }

  /** The configs of the broker ({@code perBroker}) or of the cluster ({@code broker-configs}). */
  List<Shapes.BrokerConfig> configs(UriInfo uri, boolean perBroker) {
    return configs.all().stream().map(config -> config(uri, config, perBroker)).toList();
  }

  Shapes.BrokerConfig config(UriInfo uri, String name, boolean perBroker) {
    return config(uri, existing(name), perBroker);
  }

  /** The refusal of every change to a broker config: they are the server's start-up settings. */
  NotAllowedException readOnly(String name) {
    existing(name); // an unknown name is 404, as for a GET
    return new NotAllowedException(
        "Broker config '"
            + name
            + "' is read-only: broker configs are the server's settings (system properties or"
            + " environment variables, read at start). Set it there and restart, or change the"
            + " topic's config instead.",
        "GET",
        new String[0]);
  }

  Shapes.Replica replica(UriInfo uri, String topic, int partition) {
    String path = "/topics/" + topic + "/partitions/" + partition + "/replicas/" + BROKER_ID;
    return new Shapes.Replica(
        "KafkaReplica",
        cluster.metadata(
            uri, path, "topic=" + topic + "/partition=" + partition + "/replica=" + BROKER_ID),
        cluster.id(),
        topic,
        partition,
        BROKER_ID,
        true,
        true,
        cluster.related(uri, path()));
  }

  private BrokerConfig existing(String name) {
    return configs
        .byName(name)
        .orElseThrow(() -> RequestRefusedException.brokerConfigNotFound(name));
  }

  private Shapes.BrokerConfig config(UriInfo uri, BrokerConfig config, boolean perBroker) {
    List<ConfigSynonym> synonyms = new ArrayList<>();
    if (!config.isDefault()) {
      synonyms.add(new ConfigSynonym(config.name(), config.value(), config.source()));
    }
    synonyms.add(
        new ConfigSynonym(config.name(), config.defaultValue(), BrokerConfig.DEFAULT_CONFIG));
    String path =
        perBroker ? path() + "/configs/" + config.name() : "/broker-configs/" + config.name();
    String resourceName =
        perBroker
            ? "broker=" + BROKER_ID + "/config=" + config.name()
            : "broker-config=" + config.name();
    return new Shapes.BrokerConfig(
        perBroker ? "KafkaBrokerConfig" : "KafkaClusterConfig",
        cluster.metadata(uri, path, resourceName),
        cluster.id(),
        perBroker ? BROKER_ID : null,
        perBroker ? null : "BROKER",
        config.name(),
        config.value(),
        config.isDefault(),
        true,
        false,
        config.source(),
        synonyms);
  }
}
