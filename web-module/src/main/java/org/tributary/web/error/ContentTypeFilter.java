package org.tributary.web.error;

import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

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
    writeError(response, 415, 415, problem);
  }

  /** An error body written by a servlet filter, in front of JAX-RS and its mappers. */
  static void writeError(HttpServletResponse response, int status, int errorCode, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("error_code", errorCode)
                .add("message", message)
                .build()
                .toString());
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
