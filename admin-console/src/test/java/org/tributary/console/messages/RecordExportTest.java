package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.log.Header;

class RecordExportTest {

  private static final ShownRecord RECORD =
      new ShownRecord(
          1,
          42,
          0,
          "k".getBytes(StandardCharsets.UTF_8),
          new byte[] {(byte) 0xff, 0x00},
          2,
          List.of(new Header("h", "=cmd".getBytes(StandardCharsets.UTF_8))));

  @Test
  void jsonHasTextWhereItIsUtf8AndBase64WhereItIsNot() {
    String json = new String(RecordExport.json(List.of(RECORD)), StandardCharsets.UTF_8);
    assertEquals(
        "[\n    {\n        \"partition\": 1,\n        \"offset\": 42,\n"
            + "        \"timestamp\": \"1970-01-01T00:00:00Z\",\n        \"key\": \"k\",\n"
            + "        \"value\": \"/wA=\",\n        \"value_encoding\": \"base64\",\n"
            + "        \"headers\": [\n            {\n                \"key\": \"h\",\n"
            + "                \"value\": \"=cmd\"\n            }\n        ]\n    }\n]",
        json);
  }

  @Test
  void csvQuotesEveryCellAndDefusesFormulas() {
    String csv = new String(RecordExport.csv(List.of(RECORD)), StandardCharsets.UTF_8);
    assertEquals(
        "partition,offset,timestamp,key,value,headers\r\n"
            + "1,42,1970-01-01T00:00:00Z,\"k\",\"base64:/wA=\",\"h: =cmd\"\r\n",
        csv);
    assertEquals("\"'=1+2\"", RecordExport.cell("=1+2"));
    assertEquals("\"a \"\"b\"\"\"", RecordExport.cell("a \"b\""));
  }
}
