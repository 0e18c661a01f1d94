package org.tributary.console.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarChartTest {

  private static final String HOSTILE = "g</script><img src=x onerror=alert(1)>&amp;";

  @Test
  void aLabelCanNeverCloseTheScriptItIsWrittenInto() {
    Map<String, Long> bars = new LinkedHashMap<>();
    bars.put(HOSTILE, 3L);
    String chart = BarChart.of("lag", bars, "#c05621");
    assertFalse(chart.contains("<"), chart);
    assertFalse(chart.contains(">"), chart);
    assertFalse(chart.contains("&"), chart);

    JsonObject parsed = Json.createReader(new StringReader(chart)).readObject();
    assertEquals(
        HOSTILE, parsed.getJsonObject("data").getJsonArray("labels").getString(0), "same label");
    assertEquals(
        3,
        parsed
            .getJsonObject("data")
            .getJsonArray("datasets")
            .getJsonObject(0)
            .getJsonArray("data")
            .getJsonNumber(0)
            .intValue());
  }
}
