package org.tributary.rar;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tributary.api.ConsumerSettings.OffsetReset;
import org.tributary.api.listener.ListenerSettings;

/**
 * A message-driven bean's activation properties, named as {@code @OnRecord}'s attributes: {@code
 * topics} (comma separated), {@code group}, {@code concurrency}, {@code startAt} ({@code earliest}
 * or {@code latest}), {@code maxAttempts}, {@code backoffMillis}, {@code deadLetterTopic}. Every
 * value arrives as text and {@link #validate()} says, per property, what is wrong with it. The
 * activation spec of {@code RecordListener} in {@code META-INF/ra.xml}.
 */
public class RecordActivationSpec implements ActivationSpec {

  static final int MAX_CONCURRENCY = 64;
  static final int MAX_ATTEMPTS = 100;
  static final long MAX_BACKOFF_MILLIS = Duration.ofHours(1).toMillis();
  // As the core's GroupCoordinator.requireValidGroupId: 1 to 255 characters, not blank.
  static final int MAX_GROUP_LENGTH = 255;
  // Kafka's legal topic names.
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private ResourceAdapter resourceAdapter;
  private String topics;
  private String group;
  private String concurrency = "1";
  private String startAt = "earliest";
  private String maxAttempts = "3";
  private String backoffMillis = "200";
  private String deadLetterTopic = "";

  /** Refuses the activation, naming every property that is missing or wrong. */
  @Override
  public void validate() throws InvalidPropertyException {
    List<String> problems = new ArrayList<>();
    List<String> topicNames = topicNames();
    if (topicNames.isEmpty()) {
      problems.add("'topics' is required: one topic name or several, separated by commas");
    }
    for (String topic : topicNames) {
      if (!TOPIC.matcher(topic).matches()) {
        problems.add(
            "'topics' holds '"
                + topic
                + "', which is not a topic name (letters, digits, '.', '_', '-'; 1 to 249)");
      }
    }
    if (group == null || group.isBlank()) {
      problems.add("'group' is required: the consumer group the bean's consumers join");
    } else if (group.trim().length() > MAX_GROUP_LENGTH) {
      problems.add(
          "'group' must be at most "
              + MAX_GROUP_LENGTH
              + " characters (Tributary's limit on a group id), was "
              + group.trim().length());
    }
    whole("concurrency", concurrency, 1, MAX_CONCURRENCY, problems);
    whole("maxAttempts", maxAttempts, 1, MAX_ATTEMPTS, problems);
    whole("backoffMillis", backoffMillis, 0, MAX_BACKOFF_MILLIS, problems);
    if (offsetReset() == null) {
      problems.add("'startAt' must be 'earliest' or 'latest', was '" + startAt + "'");
    }
    String deadLetters = deadLetterTopic == null ? "" : deadLetterTopic.trim();
    if (!deadLetters.isEmpty() && !TOPIC.matcher(deadLetters).matches()) {
      problems.add("'deadLetterTopic' is not a topic name: '" + deadLetters + "'");
    } else if (topicNames.contains(deadLetters)) {
      problems.add("'deadLetterTopic' must not be one of the 'topics': '" + deadLetters + "'");
    }
    if (!problems.isEmpty()) {
      throw new InvalidPropertyException(
          "Invalid Tributary activation properties: " + String.join("; ", problems));
    }
  }

  /** The loop's settings; call after {@link #validate()}. */
  ListenerSettings settings(boolean transacted) {
    return new ListenerSettings(
        topicNames(),
        group.trim(),
        Integer.parseInt(concurrency.trim()),
        Integer.parseInt(maxAttempts.trim()),
        Duration.ofMillis(Long.parseLong(backoffMillis.trim())),
        deadLetterTopic == null ? "" : deadLetterTopic.trim(),
        offsetReset(),
        transacted);
  }

  private List<String> topicNames() {
    if (topics == null) {
      return List.of();
    }
    return Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  private OffsetReset offsetReset() {
    return switch (startAt == null ? "" : startAt.trim().toLowerCase(Locale.ROOT)) {
      case "earliest" -> OffsetReset.EARLIEST;
      case "latest" -> OffsetReset.LATEST;
      default -> null;
    };
  }

  private static void whole(String name, String value, long min, long max, List<String> problems) {
    try {
      long number = Long.parseLong(value == null ? "" : value.trim());
      if (number >= min && number <= max) {
        return;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    problems.add(
        "'"
            + name
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + ", was '"
            + value
            + "'");
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
    this.resourceAdapter = resourceAdapter;
  }

  public String getTopics() {
    return topics;
  }

  public void setTopics(String topics) {
    this.topics = topics;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public String getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(String concurrency) {
    this.concurrency = concurrency;
  }

  public String getStartAt() {
    return startAt;
  }

  public void setStartAt(String startAt) {
    this.startAt = startAt;
  }

  public String getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(String maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public String getBackoffMillis() {
    return backoffMillis;
  }

  public void setBackoffMillis(String backoffMillis) {
    this.backoffMillis = backoffMillis;
  }

  public String getDeadLetterTopic() {
    return deadLetterTopic;
  }

  public void setDeadLetterTopic(String deadLetterTopic) {
    this.deadLetterTopic = deadLetterTopic;
  }
}
