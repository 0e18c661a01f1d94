package org.tributary.console.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The hardening headers of every console response: no content-type sniffing, never in a frame, no
 * console URL (which may carry a protected page's token) in the Referer to other sites, and pages
 * (which show record content) kept in no cache, while the library's files may be. The
 * Content-Security-Policy comes from PrimeFaces, which renders the pages: only it knows each page's
 * script nonce (context parameters {@code primefaces.CSP} and {@code primefaces.CSP_POLICY}).
 */
public class SecurityHeaders extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    if (!request.getRequestURI().contains("/jakarta.faces.resource/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }
}
