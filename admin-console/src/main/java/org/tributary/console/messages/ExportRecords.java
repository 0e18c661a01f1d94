package org.tributary.console.messages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** Backs the message browser's export: the shown records, values whole, as JSON or CSV. */
@Named
@RequestScoped
public class ExportRecords {

  @Inject BrowseMessages browser;

  public StreamedContent getJson() {
    return download("json", "application/json", RecordExport.json(shownWhole()));
  }

  public StreamedContent getCsv() {
    return download("csv", "text/csv", RecordExport.csv(shownWhole()));
  }

  /** The shown records with whole values: those cut for the page are read again. */
  private List<ShownRecord> shownWhole() {
    return browser.getRecords().stream().map(browser::complete).toList();
  }

  private StreamedContent download(String extension, String type, byte[] content) {
    return DefaultStreamedContent.builder()
        .name(browser.getTopicName() + "-records." + extension)
        .contentType(type + "; charset=UTF-8")
        .contentLength((long) content.length)
        .stream(() -> new ByteArrayInputStream(content))
        .build();
  }
}
