package org.tributary.console.messages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.console.security.ConsoleCaller;
import org.tributary.redrive.DeadLetterRedrive;
import org.tributary.redrive.RedriveResult;

/**
 * Backs the redrive of dead letters in the message browser: the ticked records (or all shown) go
 * back to the topics named in their {@code tributary.dlt.topic} headers, each at most once ({@link
 * DeadLetterRedrive}); the page then lists what was sent and what was skipped, why.
 */
@Named
@RequestScoped
public class RedriveDeadLetters {

  @Inject BrowseMessages browser;
  @Inject DeadLetterRedrive redrive;

  private List<RedriveResult> results = List.of();

  @ChangeAction
  public void redriveSelected() {
    redrive(browser.getRedrive().tickedAmong(browser.getRecords()));
  }

  @ChangeAction
  public void redriveAllShown() {
    redrive(browser.getRecords());
  }

  private void redrive(List<ShownRecord> chosen) {
    if (chosen.isEmpty()) {
      Messages.error("Tick the records to redrive first.", null);
      return;
    }
    String by = ConsoleCaller.current().auditName();
    String topic = browser.getTopicName();
    // One transaction per record: a refusal or a crash touches no other record.
    results =
        chosen.stream().map(r -> redrive.redrive(topic, r.partition(), r.offset(), by)).toList();
    long sent = results.stream().filter(RedriveResult::sent).count();
    String summary =
        "Redrive: sent " + sent + ", skipped " + (results.size() - sent) + " (reasons below).";
    if (sent == results.size()) {
      Messages.info(summary, null);
    } else {
      Messages.error(summary, null);
    }
    browser.getRedrive().clear();
  }

  public List<RedriveResult> getResults() {
    return results;
  }
}
