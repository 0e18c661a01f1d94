package org.tributary.web.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.Charset;

/**
 * Refuses a Content-Type header that cannot be parsed or names an unknown charset. JAX-RS trips
 * over such a header before any of its filters or exception mappers run and answers with the
 * server's HTML error page, so this check sits in front of it and answers 415 with the usual error
 * body.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ContentTypeFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String problem = problemWith(request.getHeader("Content-Type"));
    if (problem == null) {
      chain.doFilter(request, response);
      return;
    }
    ErrorResponses.write(response, 415, 415, problem);
  }

  private static String problemWith(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    MediaType type;
    try {
      type = MediaType.valueOf(header);
    } catch (IllegalArgumentException e) {
      return "Content-Type '" + header + "' is not a media type.";
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return charset == null || isSupported(charset)
        ? null
        : "Charset '" + charset + "' is not supported; use UTF-8.";
  }

  private static boolean isSupported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
