package org.tributary.console.charts;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.Map;

/**
 * A Chart.js bar chart configuration for PrimeFaces' {@code p:chart}: one bar per label. Labels go
 * through a JSON writer and Chart.js draws them on a canvas, so no name is ever markup.
 */
public final class BarChart {

  private BarChart() {}

  /**
   * @param bars label to value, in the order to draw
   */
  public static String of(String seriesLabel, Map<String, ? extends Number> bars, String color) {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder values = Json.createArrayBuilder();
    bars.forEach(
        (label, value) -> {
          labels.add(label);
          values.add(value.doubleValue());
        });
    return Json.createObjectBuilder()
        .add("type", "bar")
        .add(
            "data",
            Json.createObjectBuilder()
                .add("labels", labels)
                .add(
                    "datasets",
                    Json.createArrayBuilder()
                        .add(
                            Json.createObjectBuilder()
                                .add("label", seriesLabel)
                                .add("data", values)
                                .add("backgroundColor", color))))
        .add(
            "options",
            Json.createObjectBuilder()
                .add("animation", false)
                .add("maintainAspectRatio", false)
                .add(
                    "plugins",
                    Json.createObjectBuilder()
                        .add("legend", Json.createObjectBuilder().add("display", false)))
                .add(
                    "scales",
                    Json.createObjectBuilder()
                        .add("y", Json.createObjectBuilder().add("beginAtZero", true))))
        .build()
        .toString()
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026");
  }
}
