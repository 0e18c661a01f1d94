package org.tributary.console.navigation;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.tributary.errors.TributaryException;

/**
 * Messages for the page's message area: for this response, or kept for the page a redirect leads to
 * (post-redirect-get). Kept messages are shown once, on that page.
 */
public final class Messages {

  private Messages() {}

  /**
   * Runs an action that is not a {@code ChangeAction} (reading, or changing one's own password); a
   * broker refusal (a bad offset, a topic deleted meanwhile, a wrong current password) becomes an
   * error message on the page. {@code ChangeAction} does the same for changes.
   *
   * @return whether the action ran without a refusal
   */
  public static boolean reportingRefusals(Runnable action) {
    try {
      action.run();
      return true;
    } catch (TributaryException refused) {
      error(refused.getMessage(), refused.code().name());
      return false;
    }
  }

  public static void info(String summary, String detail) {
    add(FacesMessage.SEVERITY_INFO, summary, detail);
  }

  public static void error(String summary, String detail) {
    add(FacesMessage.SEVERITY_ERROR, summary, detail);
  }

  public static void infoAfterRedirect(String summary, String detail) {
    info(summary, detail);
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
  }

  public static void errorAfterRedirect(String summary, String detail) {
    error(summary, detail);
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
  }

  private static void add(FacesMessage.Severity severity, String summary, String detail) {
    // A FacesMessage without a detail repeats its summary as the detail.
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(severity, summary, detail == null ? "" : detail));
  }
}
