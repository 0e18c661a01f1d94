package org.tributary.console.navigation;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.tributary.errors.TributaryException;

/** Messages for the page's message area, kept across a redirect (post-redirect-get). */
public final class Messages {

  private Messages() {}

  /**
   * Runs a read-only action; a broker refusal (a bad offset, a topic deleted meanwhile) becomes an
   * error message on the page. Changes go through {@code ChangeAction}, which does the same.
   */
  public static void reportingRefusals(Runnable action) {
    try {
      action.run();
    } catch (TributaryException refused) {
      error(refused.getMessage(), refused.code().name());
    }
  }

  public static void info(String summary, String detail) {
    add(FacesMessage.SEVERITY_INFO, summary, detail);
  }

  public static void error(String summary, String detail) {
    add(FacesMessage.SEVERITY_ERROR, summary, detail);
  }

  private static void add(FacesMessage.Severity severity, String summary, String detail) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(null, new FacesMessage(severity, summary, detail));
    faces.getExternalContext().getFlash().setKeepMessages(true);
  }
}
