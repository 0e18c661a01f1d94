package org.tributary.console.navigation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sends {@code /console} and {@code /console/} to the console's first page. The merged Micro WAR
 * maps Faces to the {@code /console/*} prefix, where welcome files do not apply, so its web.xml
 * maps this filter to those two exact paths.
 */
public class ConsoleHomeRedirect extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String uri = request.getRequestURI();
    response.sendRedirect(uri + (uri.endsWith("/") ? "" : "/") + "index.xhtml");
  }
}
