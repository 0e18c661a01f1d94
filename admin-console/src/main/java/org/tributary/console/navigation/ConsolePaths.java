package org.tributary.console.navigation;

import jakarta.enterprise.context.ApplicationScoped;
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

  @Inject ServletContext servletContext;

  public String getPrefix() {
    String prefix = servletContext.getInitParameter("tributary.console.prefix");
    return prefix == null ? "" : prefix;
  }

  public String getLoginPage() {
    return getPrefix() + "/login.xhtml";
  }
}
