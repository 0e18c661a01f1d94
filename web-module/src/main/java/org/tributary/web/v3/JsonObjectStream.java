package org.tributary.web.v3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.tributary.web.error.RequestRefusedException;

/**
 * Splits a request body of concatenated JSON objects ({@code {...} {...}}, whitespace between) into
 * the text of each object. It never waits for more input than the object it returns needs, so a
 * client streaming objects one at a time gets each answer before it sends the next.
 */
final class JsonObjectStream {

  private final InputStream in;
  private final int maxObjectBytes;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

  JsonObjectStream(InputStream in, int maxObjectBytes) {
    this.in = in;
    this.maxObjectBytes = maxObjectBytes;
  }

  /** The next object's text, or null at the end of the body. */
  String next() {
    int first = skipWhitespace();
    if (first < 0) {
      return null;
    }
    if (first != '{') {
      throw RequestRefusedException.malformedJson(
          new IllegalArgumentException(
              "expected '{' to start a record, found '" + (char) first + "'"));
    }
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    object.write(first);
    int depth = 1;
    boolean inString = false;
    boolean escaped = false;
    while (depth > 0) {
      int b = read();
      if (b < 0) {
        throw RequestRefusedException.malformedJson(
            new IllegalArgumentException("the body ends inside a JSON object"));
      }
      if (object.size() >= maxObjectBytes) {
        throw RequestRefusedException.bodyTooLarge(maxObjectBytes);
      }
      object.write(b);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return object.toString(StandardCharsets.UTF_8);
  }

  /** Whether more of the body can be read without waiting for the client. */
  boolean hasBufferedInput() {
    try {
      return position < limit || in.available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops reading: the rest of the body is not waited for (nor drained). */
  void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing more is read either way
    }
  }

  private int skipWhitespace() {
    int b;
    do {
      b = read();
    } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
    return b;
  }

  private int read() {
    if (position == limit) {
      try {
        limit = in.read(buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return buffer[position++] & 0xff;
  }
}
