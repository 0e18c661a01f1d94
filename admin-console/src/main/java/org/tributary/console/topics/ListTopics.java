package org.tributary.console.topics;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs the topic list. View scoped so that sorting, filtering and paging work on the rows the page
 * showed; a reload reads them afresh.
 */
@Named
@ViewScoped
public class ListTopics implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TopicSummaries summaries;

  private List<TopicSummary> rows;
  private List<TopicSummary> filtered;

  public List<TopicSummary> getRows() {
    if (rows == null) {
      rows = summaries.all();
    }
    return rows;
  }

  public List<TopicSummary> getFiltered() {
    return filtered;
  }

  public void setFiltered(List<TopicSummary> filtered) {
    this.filtered = filtered;
  }
}
