package org.tributary.console.navigation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletContext;

/**
 * Where the console's pages are inside its web module: at the root of the console WAR (context
 * {@code /console} in the EAR), or under {@code /console/} of the merged Micro WAR. Each web.xml
 * says which with the context parameter {@code tributary.console.prefix}.
 */
@Named
@ApplicationScoped
public class ConsolePaths {

  private static final String PREFIX = "tributary.console.prefix";

  @Inject ServletContext servletContext;

  public String getLoginPage() {
    return prefixOf(servletContext.getInitParameter(PREFIX)) + "/login.xhtml";
  }

  public String getLoginFailedPage() {
    return getLoginPage() + "?failed=true";
  }

  /** The URL of a console page, such as {@code /index.xhtml}, for a redirect. */
  public static String url(ExternalContext external, String page) {
    return external.getRequestContextPath() + prefixOf(external.getInitParameter(PREFIX)) + page;
  }

  private static String prefixOf(String configured) {
    return configured == null ? "" : configured;
  }
}
