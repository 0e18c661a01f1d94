package org.tributary.console.overview;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.tributary.clients.BrokerRates;
import org.tributary.clients.ClientActivity;
import org.tributary.console.charts.BarChart;
import org.tributary.console.topics.TopicSummaries;
import org.tributary.console.topics.TopicSummary;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDescription;

/** The first page: is the broker well, how much does it hold, how busy is it. */
@Named
@RequestScoped
public class Overview {

  private static final Logger LOG = Logger.getLogger(Overview.class.getName());
  private static final int CHART_BARS = 15;

  @Inject TopicSummaries topics;
  @Inject GroupCoordinator coordinator;
  @Inject ClientActivity clients;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource database;

  private List<TopicSummary> topicRows;
  private List<GroupDescription> groups;
  private String databaseStatus;
  private boolean databaseUp;

  public List<TopicSummary> getTopics() {
    if (topicRows == null) {
      topicRows = topics.all();
    }
    return topicRows;
  }

  /** The groups; none when the database cannot be read (the database card says why). */
  public List<GroupDescription> getGroups() {
    if (groups == null) {
      try {
        groups = coordinator.describeAll();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Overview: consumer groups not readable", e);
        groups = List.of();
      }
    }
    return groups;
  }

  public BrokerRates getRates() {
    return clients.rates();
  }

  public int getPartitions() {
    return getTopics().stream().mapToInt(TopicSummary::partitions).sum();
  }

  public long getRecords() {
    return getTopics().stream().mapToLong(TopicSummary::records).sum();
  }

  public long getBytes() {
    return getTopics().stream().mapToLong(TopicSummary::sizeInBytes).sum();
  }

  public long getTotalLag() {
    return getGroups().stream().mapToLong(GroupDescription::totalLag).sum();
  }

  /** The database's name and whether it answers, checked once per page. */
  public String getDatabase() {
    if (databaseStatus == null) {
      try (Connection connection = database.getConnection()) {
        databaseUp = connection.isValid(2);
        databaseStatus =
            connection.getMetaData().getDatabaseProductName()
                + (databaseUp ? " — reachable" : " — not answering");
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "Overview: database unreachable", e);
        databaseUp = false;
        databaseStatus = "unreachable (the server log has the details)";
      }
    }
    return databaseStatus;
  }

  public boolean isDatabaseUp() {
    getDatabase();
    return databaseUp;
  }

  public Instant getStartedAt() {
    return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  public String getUptime() {
    Duration up = Duration.between(getStartedAt(), Instant.now());
    return up.toDays() > 0
        ? up.toDays() + " d " + up.toHoursPart() + " h"
        : up.toHours() + " h " + up.toMinutesPart() + " min";
  }

  public String getRecordsChart() {
    Map<String, Long> bars = new LinkedHashMap<>();
    getTopics().stream()
        .sorted(Comparator.comparingLong(TopicSummary::records).reversed())
        .limit(CHART_BARS)
        .forEach(topic -> bars.put(topic.name(), topic.records()));
    return BarChart.of("records", bars, "#2b6cb0");
  }

  public String getLagChart() {
    Map<String, Long> bars = new LinkedHashMap<>();
    getGroups().stream()
        .sorted(Comparator.comparingLong(GroupDescription::totalLag).reversed())
        .limit(CHART_BARS)
        .forEach(group -> bars.put(group.groupId(), group.totalLag()));
    return BarChart.of("lag", bars, "#c05621");
  }
}
