package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Header;
import org.tributary.log.NewRecord;

class RecordImportTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final List<ShownRecord> EXPORTED =
      List.of(
          new ShownRecord(
              1,
              42,
              0,
              utf8("k"),
              new byte[] {(byte) 0xff, 0x00},
              2,
              List.of(new Header("h", utf8("=cmd")), new Header("trace", utf8("t-1")))),
          new ShownRecord(0, 7, 0, null, utf8("=1+2"), 4, List.of()),
          new ShownRecord(
              0, 8, 0, utf8("multi"), utf8("line one\nline \"two\", with comma"), 30, List.of()),
          new ShownRecord(0, 9, 0, utf8("gone"), null, 0, List.of()));

  private static String failure(String file) {
    return failure(utf8(file));
  }

  private static String failure(byte[] file) {
    TributaryException refused =
        assertThrows(TributaryException.class, () -> RecordImport.parse(file));
    assertEquals(ErrorCode.INVALID_RECORD, refused.code());
    assertTrue(refused.getMessage().endsWith("Nothing was imported."), refused.getMessage());
    return refused.getMessage();
  }

  private static void assertExportedRecords(List<NewRecord> records) {
    assertEquals(4, records.size());
    assertArrayEquals(utf8("k"), records.get(0).key());
    assertArrayEquals(new byte[] {(byte) 0xff, 0x00}, records.get(0).value());
    assertEquals(
        List.of(new Header("h", utf8("=cmd")), new Header("trace", utf8("t-1"))),
        records.get(0).headers());
    assertNull(records.get(1).key());
    assertArrayEquals(utf8("=1+2"), records.get(1).value(), "the formula guard is taken off");
    assertArrayEquals(utf8("line one\nline \"two\", with comma"), records.get(2).value());
    assertNull(records.get(3).value(), "a tombstone stays one");
    records.forEach(r -> assertNull(r.partition(), "placed by the target topic's partitioner"));
  }

  @Test
  void aJsonExportImportsAsTheSameRecords() {
    assertExportedRecords(RecordImport.parse(RecordExport.json(EXPORTED)));
  }

  @Test
  void aCsvExportImportsAsTheSameRecords() {
    assertExportedRecords(RecordImport.parse(RecordExport.csv(EXPORTED)));
  }

  @Test
  void malformedJsonNamesItsLine() {
    String message =
        failure("[\n  {\"key\": \"a\", \"value\": \"b\"},\n  {\"key\": \"a\" \"value\"}\n]");
    assertTrue(message.startsWith("Line 3, column"), message);
  }

  @Test
  void aJsonEntryWithAMissingValueOrBadBase64NamesTheEntry() {
    assertTrue(
        failure("[{\"key\":\"a\",\"value\":\"b\"},{\"key\":\"a\"}]").startsWith("Entry 2: "),
        "missing value");
    String base64 = failure("[{\"key\":\"a\",\"value\":\"%%%\",\"value_encoding\":\"base64\"}]");
    assertTrue(base64.startsWith("Entry 1: \"value\" is not valid base64"), base64);
    assertTrue(
        failure("[{\"value\":\"x\",\"value_encoding\":\"hex\"}]").contains("only be \"base64\""));
    assertTrue(failure("[{\"value\": 5}]").contains("must be a string or null"));
    assertTrue(failure("[7]").startsWith("Entry 1: a record must be a JSON object"));
    assertTrue(failure("[{\"value\":\"x\",\"headers\":[{\"value\":\"v\"}]}]").contains("header"));
  }

  @Test
  void csvWithoutTheExportColumnsIsRefusedOnLineOne() {
    String message = failure("partition,offset,timestamp,key,value\r\n0,1,2,\"k\",\"v\"\r\n");
    assertTrue(message.startsWith("Line 1: the header line must name"), message);
  }

  @Test
  void aCsvRowWithTheWrongNumberOfCellsOrBadBase64NamesItsLine() {
    String header = "partition,offset,timestamp,key,value,headers\r\n";
    String good = "0,1,2026-01-01T00:00:00Z,\"k\",\"v\",\"\"\r\n";
    assertTrue(
        failure(header + good + "0,2,2026-01-01T00:00:00Z,\"k\",\"v\"\r\n")
            .startsWith("Line 3: 5 cells, but the header line has 6 columns"));
    assertTrue(
        failure(header + good + good + "0,3,t,\"k\",\"base64:***\",\"\"\r\n")
            .startsWith("Line 4, value is not valid base64"));
    assertTrue(
        failure(header + "0,3,t,\"k\",\"v\",\"no colon\"\r\n").startsWith("Line 2, headers: "));
  }

  @Test
  void anUnclosedQuoteNamesTheLineItOpensOn() {
    String message =
        failure("partition,offset,timestamp,key,value,headers\n0,1,t,\"k\",\"v\n\nmore,\"\"\n");
    assertTrue(message.startsWith("Line 2: the CSV is malformed"), message);
    assertTrue(
        failure("partition,offset,timestamp,key,value,headers\n0,1,t,\"k\"x,\"v\",\"\"\n")
            .startsWith("Line 2: the CSV is malformed (text after"));
  }

  @Test
  void aFileThatIsNotUtf8EmptyOrWithoutRecordsIsRefused() {
    assertTrue(failure(new byte[] {'[', (byte) 0xc3, ']'}).contains("not UTF-8"));
    assertTrue(failure(new byte[0]).contains("empty"));
    assertTrue(failure("[]").contains("no records"));
    assertTrue(failure("partition,offset,timestamp,key,value,headers\r\n").contains("no records"));
  }

  @Test
  void fileSizeAndRecordCountAreBounded() {
    String tooMany =
        "["
            + String.join(
                ",", Collections.nCopies(RecordImport.MAX_RECORDS + 1, "{\"value\":null}"))
            + "]";
    assertTrue(failure(tooMany).contains("at most " + RecordImport.MAX_RECORDS), "records");
    byte[] tooBig = new byte[RecordImport.MAX_BYTES + 1];
    java.util.Arrays.fill(tooBig, (byte) ' ');
    assertTrue(failure(tooBig).contains("at most " + RecordImport.MAX_BYTES), "bytes");
  }
}
