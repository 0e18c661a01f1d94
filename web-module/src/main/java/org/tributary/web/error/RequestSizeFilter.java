package org.tributary.web.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses request bodies larger than {@code tributary.http.max-request-bytes} with 413 before
 * anything of them is used: at once when the Content-Length says so, or while reading a chunked
 * body. A streamed v3 produce body is exempt as a whole; each of its records is limited instead.
 *
 * <p>The rest of a refused body is read and dropped, up to {@link #MAX_SWALLOW_BYTES}, as Tomcat's
 * {@code maxSwallowSize} does: a client still sending when the answer comes would otherwise see a
 * broken connection instead of the 413.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestSizeFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final Pattern STREAMED =
      Pattern.compile(".*/v3/clusters/[^/]+/topics/[^/]+/records/?");

  static final long MAX_SWALLOW_BYTES = 64L * 1024 * 1024;

  private long limit;

  @Override
  public void init() {
    limit =
        ConfigProvider.getConfig()
            .getOptionalValue("tributary.http.max-request-bytes", Long.class)
            .orElse(33_554_432L);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long length = request.getContentLengthLong();
    if (length > limit) {
      if (length <= MAX_SWALLOW_BYTES) {
        swallow(request.getInputStream());
      }
      RequestRefusedException refused = RequestRefusedException.bodyTooLarge(limit);
      ErrorResponses.write(response, refused.status(), refused.errorCode(), refused.getMessage());
      return;
    }
    if (length < 0 && !STREAMED.matcher(request.getRequestURI()).matches()) {
      request = new Limited(request, limit);
    }
    chain.doFilter(request, response);
  }

  private static void swallow(InputStream body) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long swallowed = 0;
    int n;
    while (swallowed < MAX_SWALLOW_BYTES && (n = body.read(sink)) > 0) {
      swallowed += n;
    }
  }

  /** A request whose body stream refuses to go past the limit. */
  private static final class Limited extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private long read;

    LimitedStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        swallow(in);
        throw RequestRefusedException.bodyTooLarge(limit);
      }
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
