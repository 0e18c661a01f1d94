package org.tributary.console.groups;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDescription;
import org.tributary.group.PartitionLag;

/** Backs the consumer group list: state, members, topics and total lag of every group. */
@Named
@ViewScoped
public class ListGroups implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One row: a group and the topics it reads or has committed offsets for. */
  public record Row(GroupDescription group, String topics) {}

  @Inject GroupCoordinator coordinator;

  private List<Row> rows;
  private List<Row> filtered;

  public List<Row> getRows() {
    if (rows == null) {
      rows =
          coordinator.describeAll().stream()
              .map(group -> new Row(group, String.join(", ", topics(group))))
              .toList();
    }
    return rows;
  }

  static SortedSet<String> topics(GroupDescription group) {
    SortedSet<String> topics = new TreeSet<>();
    group.partitions().stream().map(PartitionLag::topic).forEach(topics::add);
    group.members().forEach(member -> topics.addAll(member.subscription()));
    return topics;
  }

  public List<Row> getFiltered() {
    return filtered;
  }

  public void setFiltered(List<Row> filtered) {
    this.filtered = filtered;
  }
}
