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
import org.tributary.errors.TributaryException;

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
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!security.isCallerInRole(Roles.ADMIN)) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              "Not allowed: your role is read-only.",
              "Only an admin can change topics, records or offsets."));
      faces.validationFailed();
      return null;
    }
    try {
      return call.proceed();
    } catch (TributaryException refused) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, refused.getMessage(), refused.code().name()));
      faces.validationFailed();
      return null;
    }
  }
}
