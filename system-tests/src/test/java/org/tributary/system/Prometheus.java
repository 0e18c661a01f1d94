package org.tributary.system;

import java.util.ArrayList;
import java.util.List;

/** Reading the server's {@code /metrics} (Prometheus text). */
public final class Prometheus {

  private Prometheus() {}

  /**
   * The values of the samples of metric {@code name} (or {@code application_name}) in Prometheus
   * text, only those with a label of value {@code labelValue} when it is not null.
   */
  public static List<Double> samples(String text, String name, String labelValue) {
    List<Double> values = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int labelsStart = line.indexOf('{');
      int nameEnd = labelsStart >= 0 ? labelsStart : line.indexOf(' ');
      if (nameEnd < 0) {
        continue;
      }
      String metric = line.substring(0, nameEnd);
      if (!metric.equals(name) && !metric.equals("application_" + name)) {
        continue;
      }
      String labels = labelsStart >= 0 ? line.substring(labelsStart, line.indexOf('}') + 1) : "";
      if (labelValue != null && !labels.contains("\"" + labelValue + "\"")) {
        continue;
      }
      String rest =
          labelsStart >= 0 ? line.substring(line.indexOf('}') + 1) : line.substring(nameEnd);
      values.add(Double.parseDouble(rest.trim().split("\\s+")[0]));
    }
    return values;
  }

  /** The sum of those samples. */
  public static double sum(String text, String name, String labelValue) {
    return samples(text, name, labelValue).stream().mapToDouble(Double::doubleValue).sum();
  }
}
