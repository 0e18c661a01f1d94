package org.tributary.console.navigation;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the console's pages are inside its web module: at the root of the console WAR (context
 * {@code /console} in the EAR), or under {@code /console/} of the merged Micro WAR. Each web.xml
 * says which with the context parameter {@code tributary.console.prefix}.
 */
public final class ConsolePaths {

  private static final String PREFIX = "tributary.console.prefix";

  private ConsolePaths() {}

  /** The URL of a console page, such as {@code /index.xhtml}, for a redirect. */
  public static String url(ExternalContext external, String page) {
    return external.getRequestContextPath() + prefixOf(external.getInitParameter(PREFIX)) + page;
  }

  /**
   * Redirects to a console page with query parameters, encoded once (a Faces outcome with {@code
   * faces-redirect}, and {@code ViewHandler.getRedirectURL}, decode values first, so a {@code +} in
   * a date-time would become a space). The action URL carries the token a protected view needs.
   */
  public static void redirect(String page, Map<String, String> parameters) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    Map<String, List<String>> query = new LinkedHashMap<>();
    parameters.forEach((name, value) -> query.put(name, List.of(value)));
    String pageUrl = faces.getApplication().getViewHandler().getActionURL(faces, page);
    try {
      external.redirect(external.encodeRedirectURL(pageUrl, query));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The console page a request is for, such as {@code /users.xhtml}, in either packaging: for
   * filters, which see the request before Faces does.
   */
  public static String pageOf(HttpServletRequest request) {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String prefix = prefixOf(request.getServletContext().getInitParameter(PREFIX));
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  /** A console page's URL outside Faces, for a filter's redirect. */
  public static String url(HttpServletRequest request, String page) {
    return request.getContextPath()
        + prefixOf(request.getServletContext().getInitParameter(PREFIX))
        + page;
  }

  private static String prefixOf(String configured) {
    return configured == null ? "" : configured;
  }
}
