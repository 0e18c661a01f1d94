package org.tributary.console.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import org.tributary.console.navigation.ConsolePaths;
import org.tributary.security.Users;

/**
 * While the signed-in user must change the password (the generated first-start password, or one an
 * admin set to be changed), every console request leads to the change-password page. That page
 * (with its sign-out), the login and error pages and the component library's resources stay open.
 * Both web.xml files map it to the Faces servlet.
 */
public class PasswordChangeRequired extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final String PASSWORD_PAGE = "/password.xhtml";
  private static final Set<String> ALWAYS_OPEN =
      Set.of(PASSWORD_PAGE, "/login.xhtml", "/error.xhtml");
  private static final String RESOURCES = "/jakarta.faces.resource/";

  @Inject Users users;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String page = ConsolePaths.pageOf(request);
    Principal caller = request.getUserPrincipal();
    if (caller == null
        || ALWAYS_OPEN.contains(page)
        || page.startsWith(RESOURCES)
        || !users.mustChangePassword(caller.getName())) {
      chain.doFilter(request, response);
      return;
    }
    String passwordPage = ConsolePaths.url(request, PASSWORD_PAGE);
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      // An AJAX request follows a redirect only when Faces' partial response names it.
      response.setContentType("text/xml");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                  + passwordPage
                  + "\"/></partial-response>");
    } else {
      response.sendRedirect(passwordPage);
    }
  }
}
