package org.tributary.console.messages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.NewRecord;
import org.tributary.log.RecordMetadata;

/**
 * Backs the import form of the message browser: a file in the export's format (JSON or CSV), all of
 * it checked first ({@link RecordImport}), then sent to the chosen topic in one append.
 */
@Named
@RequestScoped
public class ImportRecords {

  @Inject ConsoleProducer producer;
  @Inject BrowseMessages browser;

  private Part file;
  private String topic;

  @ChangeAction
  public void importFile() {
    if (file == null || file.getSize() == 0) {
      throw new TributaryException(ErrorCode.INVALID_RECORD, "Choose a file to import.");
    }
    if (file.getSize() > RecordImport.MAX_BYTES) {
      throw new TributaryException(
          ErrorCode.INVALID_RECORD,
          "The file has "
              + file.getSize()
              + " bytes; an import takes at most "
              + RecordImport.MAX_BYTES
              + ". Nothing was imported.");
    }
    List<NewRecord> records = RecordImport.parse(read(file));
    String target = getTopic();
    List<RecordMetadata> written = producer.send(target, records);
    long partitions = written.stream().mapToInt(RecordMetadata::partition).distinct().count();
    Messages.info(
        "Imported "
            + written.size()
            + " records from "
            + file.getSubmittedFileName()
            + " to "
            + target
            + " ("
            + partitions
            + (partitions == 1 ? " partition)." : " partitions)."),
        null);
    browser.refresh();
  }

  private static byte[] read(Part part) {
    try (InputStream in = part.getInputStream()) {
      return in.readNBytes(RecordImport.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Part getFile() {
    return file;
  }

  public void setFile(Part file) {
    this.file = file;
  }

  /** The target topic; the browsed one unless another was chosen. */
  public String getTopic() {
    return topic == null ? browser.getTopicName() : topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }
}
