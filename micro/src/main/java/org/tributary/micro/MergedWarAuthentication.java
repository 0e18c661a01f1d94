package org.tributary.micro;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tributary.console.security.ConsoleAuthentication;
import org.tributary.web.security.ApiAuthentication;

/**
 * The one mechanism of the merged WAR, where an application has one: the console's pages, under
 * {@value #CONSOLE}, sign in as in the console's own WAR, every other path as in the API's. In the
 * EAR each WAR has its own mechanism and needs no such choice.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class MergedWarAuthentication implements HttpAuthenticationMechanism {

  static final String CONSOLE = "/console";

  @Inject ApiAuthentication api;
  @Inject ConsoleAuthentication console;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String uri = request.getRequestURI();
    boolean isConsole = uri.equals(CONSOLE) || uri.startsWith(CONSOLE + "/");
    return (isConsole ? console : api).validateRequest(request, response, context);
  }
}
