package org.tributary.console.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import org.tributary.console.navigation.Messages;
import org.tributary.security.Users;

/**
 * Backs the change-password page: the signed-in user proves the current password and chooses a new
 * one (typed twice). Any role may; {@link PasswordChangeRequired} sends users here first when they
 * must. This session stays signed in with the new password; the user's other sessions end.
 */
@Named
@RequestScoped
public class ChangePassword {

  @Inject SecurityContext security;
  @Inject Users users;

  private String current;
  private String replacement;
  private String repeated;

  /** Whether the user must change the password before anything else. */
  public boolean isRequired() {
    return users.mustChangePassword(caller());
  }

  public String change() {
    if (!replacement.equals(repeated)) {
      Messages.error("The new password and its repetition differ.", "Type the same one twice.");
      return null;
    }
    boolean changed =
        Messages.reportingRefusals(
            () ->
                ConsoleAuthentication.passwordChanged(
                    request(), users.changeOwnPassword(caller(), current, replacement)));
    if (!changed) {
      return null;
    }
    Messages.infoAfterRedirect(
        "Your password is changed.", "Sign in with the new one from now on.");
    return "/index?faces-redirect=true";
  }

  private static HttpServletRequest request() {
    return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
  }

  private String caller() {
    return security.getCallerPrincipal().getName();
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getReplacement() {
    return replacement;
  }

  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getRepeated() {
    return repeated;
  }

  public void setRepeated(String repeated) {
    this.repeated = repeated;
  }
}
