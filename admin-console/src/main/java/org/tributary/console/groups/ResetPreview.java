package org.tributary.console.groups;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tributary.console.navigation.ConsolePaths;
import org.tributary.console.navigation.DateTimeInput;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.console.security.ConsoleCaller;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.OffsetReset;
import org.tributary.group.OffsetResetRequest;
import org.tributary.group.OffsetResetScenario;
import org.tributary.group.OffsetResets;

/**
 * Backs the reset preview: the plan of a reset (or of the undo of one) as the core's dry run
 * computes it, current → new for every partition; apply executes the same request.
 */
@Named
@ViewScoped
public class ResetPreview implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Duration LONGEST = Duration.ofDays(36_525);

  @Inject GroupCoordinator coordinator;
  @Inject OffsetResets resets;

  private String groupId;
  private String topic;
  private String strategy;
  private String partitions;
  private String argument;
  private Long undo;

  private OffsetReset plan;
  private boolean membersActive;

  public void load() {
    Messages.reportingRefusals(
        () -> {
          plan =
              undo != null
                  ? resets.undoOffsetReset(groupId, undo, true, executedBy())
                  : resets.resetOffsets(groupId, request(), true, executedBy());
          membersActive = !coordinator.describe(groupId).members().isEmpty();
        });
  }

  /** Executes exactly the plan shown, unless the group's offsets changed since (then refused). */
  @ChangeAction
  public void apply() {
    OffsetReset done = resets.applyPlan(plan, executedBy());
    Messages.infoAfterRedirect(
        (undo == null ? "Offsets reset" : "Reset #" + undo + " undone")
            + " for "
            + done.partitions().size()
            + " partitions of "
            + done.topic()
            + " (audit #"
            + done.id()
            + ").",
        null);
    ConsolePaths.redirect("/group.xhtml", Map.of("id", groupId));
  }

  private OffsetResetRequest request() {
    OffsetResetScenario chosen = OffsetResetScenario.parse(strategy);
    List<Integer> chosenPartitions =
        partitions == null || partitions.isBlank()
            ? null
            : Arrays.stream(partitions.split(","))
                .map(p -> whole(p, "partition").intValue())
                .toList();
    return new OffsetResetRequest(
        chosen,
        topic,
        chosenPartitions,
        chosen == OffsetResetScenario.TO_OFFSET ? whole(argument, "offset") : null,
        chosen == OffsetResetScenario.TO_DATETIME ? DateTimeInput.parse(argument) : null,
        chosen == OffsetResetScenario.BY_DURATION ? duration(argument) : null,
        chosen == OffsetResetScenario.SHIFT_BY ? whole(argument, "shift") : null);
  }

  private static Long whole(String text, String what) {
    try {
      return Long.parseLong(text == null ? "" : text.strip().replace("+", ""));
    } catch (NumberFormatException e) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "The " + what + " must be a whole number, was '" + text + "'.");
    }
  }

  /**
   * ISO-8601 ({@code PT1H30M}) or a number with a unit: {@code 90m}, {@code 2h}, {@code 1d}; at
   * most a hundred years back.
   */
  static Duration duration(String text) {
    Duration parsed = parsedDuration(text);
    if (parsed.isNegative() || parsed.compareTo(LONGEST) > 0) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Enter a duration from 0 to 100 years back; was '" + text + "'.");
    }
    return parsed;
  }

  private static Duration parsedDuration(String text) {
    String typed = text == null ? "" : text.strip().toLowerCase();
    try {
      if (typed.matches("\\d+[smhd]")) {
        long amount = Long.parseLong(typed.substring(0, typed.length() - 1));
        return switch (typed.charAt(typed.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(typed.toUpperCase());
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Enter a duration such as 30m, 2h, 1d or PT1H30M; was '" + text + "'.");
    }
  }

  private static String executedBy() {
    return ConsoleCaller.current().auditName();
  }

  public OffsetReset getPlan() {
    return plan;
  }

  public boolean isMembersActive() {
    return membersActive;
  }

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public String getStrategy() {
    return strategy;
  }

  public void setStrategy(String strategy) {
    this.strategy = strategy;
  }

  public String getPartitions() {
    return partitions;
  }

  public void setPartitions(String partitions) {
    this.partitions = partitions;
  }

  public String getArgument() {
    return argument;
  }

  public void setArgument(String argument) {
    this.argument = argument;
  }

  public Long getUndo() {
    return undo;
  }

  public void setUndo(Long undo) {
    this.undo = undo;
  }
}
