package org.tributary.console.messages;

import java.util.ArrayList;
import java.util.List;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * CSV as RFC 4180 writes it (what {@link RecordExport#csv} produces): cells separated by commas,
 * quoted cells with doubled quotes and line breaks inside, rows ended by CRLF or LF. Blank lines
 * are skipped. Each row keeps the number of the line it starts on, for messages.
 */
final class CsvRows {

  /** One row's cells and the line it starts on (1 for the first). */
  record Row(int line, List<String> cells) {}

  private CsvRows() {}

  static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    boolean quoted = false;
    boolean wasQuoted = false;
    int quoteLine = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        quoteLine = line;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, rowLine, cells, cell, wasQuoted);
        cells = new ArrayList<>();
        cell.setLength(0);
        wasQuoted = false;
        line++;
        rowLine = line;
      } else if (wasQuoted) {
        throw malformed(
            line, "text after a quoted cell's closing quote; double a quote inside one");
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw malformed(quoteLine, "a quoted cell is never closed");
    }
    endRow(rows, rowLine, cells, cell, wasQuoted);
    return rows;
  }

  private static void endRow(
      List<Row> rows, int line, List<String> cells, StringBuilder cell, boolean wasQuoted) {
    if (cells.isEmpty() && cell.isEmpty() && !wasQuoted) {
      return; // a blank line
    }
    cells.add(cell.toString());
    rows.add(new Row(line, List.copyOf(cells)));
  }

  private static TributaryException malformed(int line, String why) {
    return new TributaryException(
        ErrorCode.INVALID_RECORD,
        "Line " + line + ": the CSV is malformed (" + why + "). Nothing was imported.");
  }
}
