package org.tributary.console.groups;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tributary.console.charts.BarChart;
import org.tributary.console.navigation.ConsolePaths;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDeletions;
import org.tributary.group.GroupDescription;
import org.tributary.group.GroupState;
import org.tributary.group.OffsetDeletion;
import org.tributary.group.OffsetReset;
import org.tributary.group.OffsetResetScenario;
import org.tributary.group.OffsetResets;
import org.tributary.group.PartitionLag;

/**
 * Backs a group's page: members, lag per partition with a chart, the form that leads to a reset
 * preview, the group's executed resets with their undo, and deleting its offsets or the group.
 */
@Named
@ViewScoped
public class GroupDetails implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int RESETS_SHOWN = 50;

  @Inject GroupCoordinator coordinator;
  @Inject OffsetResets offsetResets;
  @Inject GroupDeletions deletions;

  private String groupId;
  private GroupDescription group;
  private List<OffsetReset> resets;

  private String resetTopic;
  private List<Integer> resetPartitions = new ArrayList<>();
  private OffsetResetScenario strategy = OffsetResetScenario.TO_EARLIEST;
  private String argument;

  private String deleteTopic;
  private List<Integer> deletePartitions = new ArrayList<>();

  public void load() {
    Messages.reportingRefusals(this::describe);
  }

  private void describe() {
    group = groupId == null ? null : coordinator.describe(groupId);
    if (group != null && group.state() == GroupState.DEAD) {
      group = null;
    }
    if (group != null) {
      resets = offsetResets.offsetResets(groupId, RESETS_SHOWN);
      List<String> topics = getTopics();
      resetTopic = topics.isEmpty() ? null : topics.get(0);
      deleteTopic = resetTopic;
    }
  }

  public List<String> getTopics() {
    return List.copyOf(ListGroups.topics(group));
  }

  public List<Integer> getPartitionsOfResetTopic() {
    return partitionsOf(resetTopic);
  }

  public List<Integer> getPartitionsOfDeleteTopic() {
    return partitionsOf(deleteTopic);
  }

  private List<Integer> partitionsOf(String topic) {
    return group.partitions().stream()
        .filter(p -> p.topic().equals(topic))
        .map(PartitionLag::partition)
        .toList();
  }

  public String getLagChart() {
    Map<String, Long> bars = new LinkedHashMap<>();
    group.partitions().forEach(p -> bars.put(p.topic() + "-" + p.partition(), p.lag()));
    return BarChart.of("lag", bars, "#c05621");
  }

  /** To the preview page, with the choice in its URL (bookmarkable, and the same for an undo). */
  public void preview() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("group", groupId);
    parameters.put("topic", resetTopic);
    parameters.put("strategy", strategy.label());
    if (!resetPartitions.isEmpty()) {
      parameters.put(
          "partitions",
          resetPartitions.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    if (argument != null && !argument.isBlank()) {
      parameters.put("argument", argument.strip());
    }
    ConsolePaths.redirect("/reset.xhtml", parameters);
  }

  /** Kafka's DeleteGroups: refused (a message on the page) while the group has members. */
  @ChangeAction
  public String deleteGroup() {
    OffsetDeletion deleted = deletions.deleteGroup(groupId);
    Messages.infoAfterRedirect(
        "Group " + groupId + " deleted.",
        "Its " + deleted.deleted().size() + " committed offsets are gone.");
    return "/groups?faces-redirect=true";
  }

  /** Kafka's OffsetDelete: refused while a member of the group subscribes to the topic. */
  @ChangeAction
  public void deleteOffsets() {
    OffsetDeletion deleted =
        deletions.deleteOffsets(
            groupId, deleteTopic, deletePartitions.isEmpty() ? null : deletePartitions);
    Messages.infoAfterRedirect(
        "Committed offsets of "
            + deleteTopic
            + " deleted for "
            + deleted.deleted().size()
            + " partitions.",
        "Its consumers start there by auto.offset.reset.");
    ConsolePaths.redirect("/group.xhtml", Map.of("id", groupId));
  }

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public GroupDescription getGroup() {
    return group;
  }

  public List<OffsetReset> getResets() {
    return resets;
  }

  public String getResetTopic() {
    return resetTopic;
  }

  public void setResetTopic(String resetTopic) {
    this.resetTopic = resetTopic;
  }

  public List<Integer> getResetPartitions() {
    return resetPartitions;
  }

  public void setResetPartitions(List<Integer> resetPartitions) {
    this.resetPartitions = resetPartitions;
  }

  public OffsetResetScenario getStrategy() {
    return strategy;
  }

  public void setStrategy(OffsetResetScenario strategy) {
    this.strategy = strategy;
  }

  public String getDeleteTopic() {
    return deleteTopic;
  }

  public void setDeleteTopic(String deleteTopic) {
    this.deleteTopic = deleteTopic;
  }

  public List<Integer> getDeletePartitions() {
    return deletePartitions;
  }

  public void setDeletePartitions(List<Integer> deletePartitions) {
    this.deletePartitions = deletePartitions;
  }

  public String getArgument() {
    return argument;
  }

  public void setArgument(String argument) {
    this.argument = argument;
  }
}
