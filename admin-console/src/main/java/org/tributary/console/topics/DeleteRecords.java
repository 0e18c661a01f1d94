package org.tributary.console.topics;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;
import java.util.stream.Collectors;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.console.security.ConsoleCaller;
import org.tributary.log.LogCleanup;

/**
 * Backs the delete-records form of a topic's page and its confirmation: the choice (a partition or
 * all, before which offset), the plan the dialog shows, and applying exactly that plan through the
 * broker's DeleteRecords.
 */
@Named
@ViewScoped
public class DeleteRecords implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TopicSummaries summaries;
  @Inject LogCleanup cleanup;

  private String topic;
  private Integer partition;
  private Long beforeOffset;
  private RecordDeletionPlan plan;

  /** Makes the plan the confirmation shows; nothing changes yet. */
  public void review() {
    plan =
        summaries
            .find(topic)
            .map(found -> RecordDeletionPlan.of(found, partition, beforeOffset))
            .orElse(null);
    if (plan == null) {
      Messages.error("Topic " + topic + " no longer exists.", null);
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  @ChangeAction
  public String apply() {
    if (plan == null) {
      Messages.error("Nothing to delete yet.", "Choose the partitions and the offset first.");
      return null;
    }
    Map<Integer, Long> logStarts =
        cleanup.deleteRecords(topic, plan.beforeOffsets(), ConsoleCaller.current().auditName());
    Messages.infoAfterRedirect(
        "Records of " + topic + " deleted.",
        "Log start offsets now: "
            + logStarts.entrySet().stream()
                .map(start -> "partition " + start.getKey() + " at " + start.getValue())
                .collect(Collectors.joining(", "))
            + ".");
    return "/topic?faces-redirect=true&name=" + topic;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public Integer getPartition() {
    return partition;
  }

  public void setPartition(Integer partition) {
    this.partition = partition;
  }

  public Long getBeforeOffset() {
    return beforeOffset;
  }

  public void setBeforeOffset(Long beforeOffset) {
    this.beforeOffset = beforeOffset;
  }

  public RecordDeletionPlan getPlan() {
    return plan;
  }
}
