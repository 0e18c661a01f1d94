package org.tributary.console.navigation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the pages write numbers, sizes and times: one place, so every page agrees. */
@Named
@ApplicationScoped
public class Formats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
  private static final int LIST_SHOWN = 5;
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  public String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  public String byteRate(double bytesPerSecond) {
    return bytes(Math.round(bytesPerSecond)) + "/s";
  }

  /** The first few items of a list, and how many more there are. */
  public String list(Collection<?> items) {
    String shown =
        items.stream().limit(LIST_SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
    return items.size() > LIST_SHOWN ? shown + " … (+" + (items.size() - LIST_SHOWN) + ")" : shown;
  }

  public String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  public String rate(double perSecond) {
    return String.format(Locale.ROOT, perSecond < 10 ? "%.1f/s" : "%,.0f/s", perSecond);
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  public String epochMillis(long millis) {
    return time(Instant.ofEpochMilli(millis));
  }

  /** Kafka's milliseconds configs, as a person reads them ({@code 604800000} is 7 days). */
  public String millis(String value) {
    try {
      long millis = Long.parseLong(value);
      if (millis < 0) {
        return "forever";
      }
      Duration duration = Duration.ofMillis(millis);
      if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
        return duration.toDays() + " d";
      }
      if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
        return duration.toHours() + " h";
      }
      return duration.toMinutes() > 0 && duration.toSeconds() % 60 == 0
          ? duration.toMinutes() + " min"
          : millis + " ms";
    } catch (NumberFormatException e) {
      return value;
    }
  }

  public String ago(Instant instant) {
    if (instant == null) {
      return "never";
    }
    long seconds = Math.max(0, Duration.between(instant, Instant.now()).toSeconds());
    if (seconds < 60) {
      return seconds + " s ago";
    }
    return seconds < 3600 ? seconds / 60 + " min ago" : seconds / 3600 + " h ago";
  }
}
