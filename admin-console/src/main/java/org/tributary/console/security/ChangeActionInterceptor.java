package org.tributary.console.security;

import jakarta.annotation.Priority;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.tributary.errors.TributaryException;
import org.tributary.security.Roles;

/**
 * Enforces {@link ChangeAction} on the server, whatever the page showed: a caller without the admin
 * role changes nothing. Broker refusals ({@link TributaryException}) become an error message with
 * their code, and the action stays on its page (returns null).
 */
@ChangeAction
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ChangeActionInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SecurityContext security;

  @AroundInvoke
  Object guard(InvocationContext call) throws Exception {
    return guard(
        security.isCallerInRole(Roles.ADMIN), call::proceed, ChangeActionInterceptor::toPage);
  }

  /** The rule itself: only an admin's action runs; refusals are reported, never thrown. */
  static Object guard(boolean admin, Callable<Object> action, Consumer<FacesMessage> report)
      throws Exception {
    if (!admin) {
      report.accept(
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              "Not allowed: your role is read-only.",
              "Only an admin can change topics, records, offsets or users."));
      return null;
    }
    try {
      return action.call();
    } catch (TributaryException refused) {
      report.accept(
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, refused.getMessage(), refused.code().name()));
      return null;
    }
  }

  private static void toPage(FacesMessage message) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(null, message);
    faces.validationFailed();
  }
}
