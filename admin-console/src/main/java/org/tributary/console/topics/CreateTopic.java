package org.tributary.console.topics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfigKey;

/** Backs the create-topic dialog: name, partitions, and any of Kafka's topic configs. */
@Named
@RequestScoped
public class CreateTopic {

  @Inject TopicCatalog catalog;

  private String name;
  private int partitions;
  private List<ConfigRow> configs;

  @PostConstruct
  void defaults() {
    partitions = catalog.defaultPartitions();
    configs = Arrays.stream(TopicConfigKey.values()).map(key -> new ConfigRow(key, null)).toList();
  }

  @ChangeAction
  public String create() {
    Map<String, String> overrides = new LinkedHashMap<>();
    configs.stream()
        .filter(row -> row.getValue() != null)
        .forEach(row -> overrides.put(row.getName(), row.getValue()));
    catalog.create(name, partitions, overrides);
    Messages.infoAfterRedirect("Topic " + name + " created.", partitions + " partitions.");
    return "/topic?faces-redirect=true&name=" + name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name == null ? null : name.strip();
  }

  public int getPartitions() {
    return partitions;
  }

  public void setPartitions(int partitions) {
    this.partitions = partitions;
  }

  public List<ConfigRow> getConfigs() {
    return configs;
  }
}
