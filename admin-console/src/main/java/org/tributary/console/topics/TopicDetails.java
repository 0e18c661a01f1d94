package org.tributary.console.topics;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.log.LogCleanup;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfigKey;

/**
 * Backs a topic's page: partitions, the log's last cleaning runs, configs (editable), adding
 * partitions, deletion. Deleting records has a bean of its own, {@link DeleteRecords}.
 */
@Named
@ViewScoped
public class TopicDetails implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TopicSummaries summaries;
  @Inject TopicCatalog catalog;
  @Inject LogCleanup cleanup;

  private String name;
  private TopicSummary topic;
  private List<ConfigRow> configs;
  private List<LastCleaningRun> cleaningRuns;
  private int newPartitionCount;
  private String deleteConfirmation;

  /** Reads the topic named by the view parameter; a missing topic shows an empty state. */
  public void load() {
    Messages.reportingRefusals(this::read);
  }

  private void read() {
    Optional<TopicSummary> found = summaries.find(name);
    if (found.isPresent()) {
      cleaningRuns = LastCleaningRun.of(cleanup.lastRuns(name));
      Map<String, String> overrides = found.get().metadata().config().overrides();
      configs =
          Arrays.stream(TopicConfigKey.values())
              .map(key -> new ConfigRow(key, overrides.get(key.key())))
              .toList();
      newPartitionCount = found.get().partitions() + 1;
    }
    topic = found.orElse(null); // last: a topic deleted meanwhile shows the empty state
  }

  @ChangeAction
  public String saveConfigs() {
    Map<String, String> set = new HashMap<>();
    List<String> reset = new ArrayList<>();
    for (ConfigRow row : configs) {
      if (row.isChanged()) {
        if (row.getValue() == null) {
          reset.add(row.getName());
        } else {
          set.put(row.getName(), row.getValue());
        }
      }
    }
    catalog.alterConfig(name, set, reset);
    Messages.infoAfterRedirect(
        "Configs of " + name + " saved.",
        set.size() + " set, " + reset.size() + " reset to default.");
    return reload();
  }

  @ChangeAction
  public String addPartitions() {
    catalog.addPartitions(name, newPartitionCount);
    Messages.infoAfterRedirect(name + " now has " + newPartitionCount + " partitions.", null);
    return reload();
  }

  @ChangeAction
  public String delete() {
    if (!name.equals(deleteConfirmation)) {
      Messages.error(
          "Not deleted: the name you typed does not match.",
          "Type " + name + " exactly to delete the topic and all its records.");
      return null;
    }
    catalog.delete(name);
    Messages.infoAfterRedirect("Topic " + name + " deleted.", null);
    return "/topics?faces-redirect=true";
  }

  private String reload() {
    return "/topic?faces-redirect=true&name=" + name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public TopicSummary getTopic() {
    return topic;
  }

  public List<LastCleaningRun> getCleaningRuns() {
    return cleaningRuns;
  }

  public List<ConfigRow> getConfigs() {
    return configs;
  }

  public int getNewPartitionCount() {
    return newPartitionCount;
  }

  public void setNewPartitionCount(int newPartitionCount) {
    this.newPartitionCount = newPartitionCount;
  }

  public String getDeleteConfirmation() {
    return deleteConfirmation;
  }

  public void setDeleteConfirmation(String deleteConfirmation) {
    this.deleteConfirmation = deleteConfirmation;
  }
}
